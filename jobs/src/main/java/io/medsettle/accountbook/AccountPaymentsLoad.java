package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.accountSpendingToSettle;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.app.PgCopy;
import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code load account-payments}: outpatient and pharmacy spending from the members' accounts
 * (formats.md), each payment debited from the account on the day of its {@code setl_time}, each
 * cancellation refunding the payment it names on its own day (DOMAIN.md §4 "Spending").
 *
 * <p>A payment is loaded once per institution and settlement id: the same row again is recognised
 * and changes nothing; the same key with other figures is a bad row, never merged. A payment larger
 * than what the account holds on its day and after, or for a closed account, is rejected with the
 * reason (个人账户余额不足 / account balance insufficient). The month-end of the payment's month
 * settles it with the institution, or, for a month already settled when it came, the first open
 * month after it. In the ledger, one entry for the file: 2301 debited, each institution's 2302
 * credited until its month-end.
 */
@Service
class AccountPaymentsLoad {

    private record Payment(long line, String setlId, String psnNo, String institution, LocalDateTime settledAt, Money acctPay,
                           boolean cancels, String original) {

        String key() {
            return institution + "/" + setlId;
        }

        String originalKey() {
            return institution + "/" + original;
        }
    }

    private record Stored(String psnNo, LocalDateTime settledAt, Money acctPay, boolean cancels, String original) {
    }

    private final AccountBook book;
    private final Lookups lookups;
    private final PostingDates postingDates;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final MedsettleProperties properties;
    private final Clock clock;

    AccountPaymentsLoad(AccountBook book, Lookups lookups, PostingDates postingDates, JobRuns jobRuns, JdbcClient jdbc,
                        DataSource dataSource, MedsettleProperties properties, Clock clock) {
        this.book = book;
        this.lookups = lookups;
        this.postingDates = postingDates;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
    }

    /** Members decided together: their payments, movements and stored keys are held in memory at once. */
    static final int MEMBERS_PER_PART = 50_000;

    private int membersPerPart = MEMBERS_PER_PART;

    private static final List<String> LOAD_COLUMNS = List.of("line_no", "setl_id", "psn_no", "fixmedins_code", "setl_time",
            "acct_pay", "cancels", "original");
    private static final List<String> MOVEMENT_COLUMNS = List.of("psn_no", "kind", "amount", "value_date", "source",
            "fixmedins_code", "settlement_period");

    /**
     * Streams the file's good rows into a table of the transaction, then decides its members part by
     * part (a part is every payment of some {@value #MEMBERS_PER_PART} members, so that a member's
     * balance sees all of their payments in the order they were made), and posts one entry for the
     * whole file. Memory holds one part, whatever the file's size.
     */
    @Transactional
    public LoadResult load(Path file) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(30));
        // The month that settles a payment of a month (a closed month's go to the first open one).
        Map<YearMonth, YearMonth> settling = new HashMap<>();
        try (LoadSession session = LoadSession.open(AccountFileKind.ACCOUNT_PAYMENTS, file, properties.out(), clock)) {
            jdbc.sql("""
                    create temporary table payment_load (
                        line_no bigint not null, setl_id varchar(40) not null, psn_no varchar(30) not null,
                        fixmedins_code varchar(12) not null, setl_time timestamp not null, acct_pay numeric(14, 2) not null,
                        cancels boolean not null, original varchar(40)
                    ) on commit drop""").update();
            jdbc.sql("""
                    create temporary table payment_movement (
                        psn_no varchar(30) not null, kind varchar(12) not null, amount numeric(14, 2) not null,
                        value_date date not null, source varchar(120) not null, fixmedins_code varchar(12),
                        settlement_period char(7)
                    ) on commit drop""").update();
            stage(session);
            rejectRepeatedKeys(session);
            long staged = jdbc.sql("select count(distinct psn_no) from payment_load").query(Long.class).single();
            int parts = (int) Math.max(1, (staged + membersPerPart - 1) / membersPerPart);
            long accepted = 0;
            long unchanged = 0;
            for (int part = 0; part < parts; part++) {
                Decided decided = decide(part(part, parts), session, settling);
                store(decided.accepted(), settling);
                stageMovements(decided.movements());
                accepted += decided.accepted().size();
                unchanged += decided.unchanged();
            }
            if (accepted > 0) {
                book.postStaged(entry(session), "payment_movement");
            }
            return session.result(accepted, unchanged);
        }
    }

    /** Smaller parts, for a test that a file of a few members is decided in several. */
    void membersPerPart(int members) {
        this.membersPerPart = members;
    }

    private record Decided(List<Payment> accepted, List<AccountBook.NewMovement> movements, long unchanged) {
    }

    /** The file's rows read and checked one by one; the good ones copied into the load's table. */
    private void stage(LoadSession session) {
        PgCopy copy = PgCopy.streaming(dataSource, "payment_load", LOAD_COLUMNS);
        try {
            for (InputRow row : session.rows()) {
                Payment p = read(row);
                if (row.hasProblems()) {
                    session.reject(row);
                    continue;
                }
                copy.row().number(p.line()).text(p.setlId()).text(p.psnNo()).text(p.institution()).timestamp(p.settledAt())
                        .money(p.acctPay()).flag(p.cancels()).text(p.original()).end();
            }
            copy.flush();
        } catch (RuntimeException | Error e) {
            copy.cancel();
            throw e;
        }
    }

    /** A key (institution, setl_id) a second time in the file: the later rows are bad rows. */
    private void rejectRepeatedKeys(LoadSession session) {
        String repeated = """
                select line_no, setl_id from (
                    select line_no, setl_id, row_number() over (partition by fixmedins_code, setl_id order by line_no) as n
                      from payment_load) t
                 where n > 1 order by line_no""";
        List<Long> lines = new ArrayList<>();
        jdbc.sql(repeated).query(rs -> {
            lines.add(rs.getLong(1));
            session.reject(rs.getLong(1), "setl_id", rs.getString(2), "结算ID在本文件中重复", "setl_id repeated in this file");
        });
        if (!lines.isEmpty()) {
            jdbc.sql("delete from payment_load where line_no = any (?)").param(lines.toArray(Long[]::new)).update();
        }
    }

    /** The payments of one part of the members, in the file's order. */
    private List<Payment> part(int part, int parts) {
        return jdbc.sql("""
                        select line_no, setl_id, psn_no, fixmedins_code, setl_time, acct_pay, cancels, original
                          from payment_load where (hashtext(psn_no) & 2147483647) % ? = ? order by line_no""")
                .params(parts, part)
                .query((rs, n) -> new Payment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDateTime.class), Money.of(rs.getBigDecimal(6)), rs.getBoolean(7), rs.getString(8)))
                .list();
    }

    /** Each payment of the part debited, refunded or turned down with its reason. */
    private Decided decide(List<Payment> payments, LoadSession session, Map<YearMonth, YearMonth> settling) {
        Set<String> members = lookups.knownMembers(payments.stream().map(Payment::psnNo).toList());
        Set<String> institutions = lookups.knownInstitutions(payments.stream().map(Payment::institution).toList());
        Map<String, Stored> stored = stored(payments);
        Set<String> cancelled = new HashSet<>();
        stored.forEach((key, s) -> {
            if (s.cancels()) {
                cancelled.add(key.substring(0, key.indexOf('/') + 1) + s.original());
            }
        });
        Set<String> closed = book.closed(members);
        Map<String, List<AccountMovement>> movements = book.movements(members);
        // Payments of each member in the order they were made: a balance pays the earlier first.
        Map<String, List<Payment>> byMember = new TreeMap<>();
        long unchanged = 0;
        for (Payment p : payments) {
            Stored before = stored.get(p.key());
            if (!members.contains(p.psnNo())) {
                session.reject(p.line(), "psn_no", p.psnNo(), "参保人员不存在", "member unknown");
            } else if (!institutions.contains(p.institution())) {
                session.reject(p.line(), "fixmedins_code", p.institution(), "定点医药机构不存在", "institution unknown");
            } else if (before != null && before.equals(new Stored(p.psnNo(), p.settledAt(), p.acctPay(), p.cancels(),
                    p.original()))) {
                unchanged++;
            } else if (before != null) {
                session.reject(p.line(), "setl_id", p.setlId(), "该结算已于此前载入,且内容不同(不合并)",
                        "this payment was loaded before with other figures (not merged)");
            } else {
                byMember.computeIfAbsent(p.psnNo(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Payment> accepted = new ArrayList<>();
        List<AccountBook.NewMovement> posted = new ArrayList<>();
        Map<String, Money> paid = debitedSoFar(stored);
        Map<String, String> payer = new HashMap<>();
        stored.forEach((key, s) -> payer.put(key, s.psnNo()));
        for (List<Payment> mine : byMember.values()) {
            mine.sort(Comparator.comparing(Payment::settledAt).thenComparing(Payment::key));
            AvailableBalance balance = new AvailableBalance(movements.getOrDefault(mine.get(0).psnNo(), List.of()));
            for (Payment p : mine) {
                decide(p, balance, closed.contains(p.psnNo()), paid, payer, cancelled, session,
                        settling.computeIfAbsent(YearMonth.from(p.settledAt()), lookups::firstOpenFrom))
                        .ifPresent(movement -> {
                            accepted.add(p);
                            posted.add(movement);
                            balance.add(movement.movement());
                            payer.put(p.key(), p.psnNo());
                        });
            }
        }
        return new Decided(accepted, posted, unchanged);
    }

    private void stageMovements(List<AccountBook.NewMovement> movements) {
        PgCopy copy = PgCopy.into(dataSource, "payment_movement", MOVEMENT_COLUMNS);
        for (AccountBook.NewMovement m : movements) {
            copy.row().text(m.psnNo()).text(m.kind().name().toLowerCase(java.util.Locale.ROOT)).money(m.amount())
                    .date(m.valueDate()).text(m.source()).text(m.institution())
                    .text(m.settlementPeriod() == null ? null : m.settlementPeriod().toString()).end();
        }
        copy.flush();
    }

    private Payment read(InputRow row) {
        String setlId = row.text("setl_id", 40);
        String psnNo = Identifiers.memberNumber(row, "psn_no");
        String institution = Identifiers.institutionCode(row, "fixmedins_code");
        LocalDateTime settledAt = row.dateTime("setl_time");
        Money acctPay = row.money("acct_pay");
        boolean cancels = row.flag("refd_setl_flag");
        String original = row.optionalText("init_setl_id", 40);
        if (cancels && original == null) {
            row.problem("init_setl_id", "", "冲销结算须填写原结算ID", "a cancellation must name the payment it cancels");
        }
        if (!cancels && acctPay != null && acctPay.isZero()) {
            row.problem("acct_pay", "0", "个人账户支付金额须大于0", "an account payment must be more than 0");
        }
        return row.hasProblems() ? null : new Payment(row.line(), setlId, psnNo, institution, settledAt, acctPay, cancels,
                cancels ? original : null);
    }

    /** A payment debited or a cancellation refunded, or the reason it is not. */
    private java.util.Optional<AccountBook.NewMovement> decide(Payment p, AvailableBalance balance, boolean closed,
                                                                Map<String, Money> paid, Map<String, String> payer,
                                                                Set<String> cancelled, LoadSession session, YearMonth settles) {
        if (closed) {
            session.reject(p.line(), "psn_no", p.psnNo(), "个人账户已注销", "the individual account is closed");
            return java.util.Optional.empty();
        }
        String source = "account-payment:" + p.institution() + ":" + p.setlId();
        if (p.cancels()) {
            Money debited = paid.getOrDefault(p.originalKey(), Money.ZERO);
            boolean cancelledBefore = cancelled.contains(p.originalKey());
            if (debited.isZero() || cancelledBefore) {
                session.reject(p.line(), "init_setl_id", p.original(), cancelledBefore ? "原结算已被冲销" : "被冲销的原结算不存在或未扣款",
                        cancelledBefore ? "the payment was already cancelled" : "the cancelled payment does not exist or was not debited");
                return java.util.Optional.empty();
            }
            if (!p.psnNo().equals(payer.get(p.originalKey()))) {
                // A refund goes back to the account that paid, never to another member's.
                session.reject(p.line(), "psn_no", p.psnNo(), "被冲销的原结算不属于该参保人",
                        "the cancelled payment was paid by another member");
                return java.util.Optional.empty();
            }
            paid.put(p.originalKey(), Money.ZERO);
            cancelled.add(p.originalKey());
            return java.util.Optional.of(new AccountBook.NewMovement(p.psnNo(), AccountMovement.Kind.REFUND, debited,
                    p.settledAt().toLocalDate(), source, p.institution(), null, settles));
        }
        Money available = balance.on(p.settledAt().toLocalDate());
        if (p.acctPay().isGreaterThan(available)) {
            session.reject(p.line(), "acct_pay", p.acctPay().toString(), "个人账户余额不足(可用" + available + "元)",
                    "account balance insufficient (" + available + " available)");
            return java.util.Optional.empty();
        }
        paid.put(p.key(), p.acctPay());
        return java.util.Optional.of(new AccountBook.NewMovement(p.psnNo(), AccountMovement.Kind.SPENDING,
                p.acctPay().negate(), p.settledAt().toLocalDate(), source, p.institution(), null, settles));
    }

    /** The file's one entry: per institution, what its patients' accounts paid it, and what was refunded. */
    private JournalEntry entry(LoadSession session) {
        long count = jdbc.sql("select count(*) from payment_movement").query(Long.class).single();
        JournalEntry.Builder entry = JournalEntry.builder(book.loadKey("account-payments", session.sha256(), "payment_movement"),
                postingDates.today(),
                "个人账户门诊及药店支付 " + count + " 笔 (" + session.name() + ")");
        jdbc.sql("""
                        select fixmedins_code, coalesce(-sum(amount) filter (where amount < 0), 0),
                               coalesce(sum(amount) filter (where amount > 0), 0)
                          from payment_movement group by fixmedins_code order by fixmedins_code collate "C\"""")
                .query(rs -> {
                    String institution = rs.getString(1);
                    Money spent = Money.of(rs.getBigDecimal(2));
                    Money refunded = Money.of(rs.getBigDecimal(3));
                    entry.debit(INDIVIDUAL_ACCOUNTS, spent).credit(accountSpendingToSettle(institution), spent)
                            .debit(accountSpendingToSettle(institution), refunded).credit(INDIVIDUAL_ACCOUNTS, refunded);
                });
        return entry.build();
    }

    /** The payments of the file's keys already loaded (and of the originals its cancellations name). */
    private Map<String, Stored> stored(List<Payment> payments) {
        Map<String, Stored> stored = new HashMap<>();
        if (payments.isEmpty()) {
            return stored;
        }
        List<String> codes = new ArrayList<>();
        List<String> setlIds = new ArrayList<>();
        for (Payment p : payments) {
            codes.add(p.institution());
            setlIds.add(p.setlId());
            if (p.cancels()) {
                codes.add(p.institution());
                setlIds.add(p.original());
            }
        }
        // The keys as a table, so that the lookups go through the primary key and the cancellations' index.
        jdbc.sql("""
                        with k as (select * from unnest(?::varchar[], ?::varchar[]) as k(code, setl_id))
                        select a.fixmedins_code, a.setl_id, a.psn_no, a.setl_time, a.acct_pay, a.refd_setl_flag, a.init_setl_id
                          from account_payment a join k on a.fixmedins_code = k.code and a.setl_id = k.setl_id
                        union
                        select a.fixmedins_code, a.setl_id, a.psn_no, a.setl_time, a.acct_pay, a.refd_setl_flag, a.init_setl_id
                          from account_payment a join k on a.fixmedins_code = k.code and a.init_setl_id = k.setl_id
                         where a.refd_setl_flag""")
                .params(codes.toArray(String[]::new), setlIds.toArray(String[]::new))
                .query(rs -> {
                    stored.put(rs.getString(1) + "/" + rs.getString(2), new Stored(rs.getString(3),
                            rs.getObject(4, LocalDateTime.class), Money.of(rs.getBigDecimal(5)), rs.getBoolean(6),
                            rs.getString(7)));
                });
        return stored;
    }

    /** What each stored payment has debited, net of its refund: a cancellation refunds that. */
    private Map<String, Money> debitedSoFar(Map<String, Stored> stored) {
        Map<String, Money> paid = new HashMap<>();
        jdbc.sql("""
                        select source, sum(amount) from account_movement where source = any (?) group by source""")
                .param(stored.keySet().stream().map(k -> "account-payment:" + k.replace('/', ':')).toArray(String[]::new))
                .query(rs -> {
                    paid.put(rs.getString(1).substring("account-payment:".length()).replaceFirst(":", "/"),
                            Money.of(rs.getBigDecimal(2)).negate());
                });
        // A stored cancellation has already taken its original's money back.
        stored.forEach((key, s) -> {
            if (s.cancels()) {
                String original = key.substring(0, key.indexOf('/') + 1) + s.original();
                paid.put(original, Money.ZERO);
            }
        });
        return paid;
    }

    private void store(List<Payment> accepted, Map<YearMonth, YearMonth> settling) {
        PgCopy copy = PgCopy.into(dataSource, "account_payment", List.of("setl_id", "fixmedins_code", "psn_no", "setl_time",
                "period", "acct_pay", "loaded_at", "refd_setl_flag", "init_setl_id", "settlement_period"));
        String now = clock.instant().toString();
        for (Payment p : accepted) {
            YearMonth month = YearMonth.from(p.settledAt());
            copy.row().text(p.setlId()).text(p.institution()).text(p.psnNo()).timestamp(p.settledAt()).text(month.toString())
                    .money(p.acctPay()).text(now).flag(p.cancels()).text(p.original())
                    .text(settling.get(month).toString()).end();
        }
        copy.flush();
    }
}
