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
import java.util.LinkedHashMap;
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

    @Transactional
    public LoadResult load(Path file) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(30));
        // The month that settles a payment of a month (a closed month's go to the first open one).
        Map<YearMonth, YearMonth> settling = new HashMap<>();
        try (LoadSession session = LoadSession.open(AccountFileKind.ACCOUNT_PAYMENTS, file, properties.out(), clock)) {
            Map<String, Payment> payments = new LinkedHashMap<>();
            for (InputRow row : session.rows()) {
                Payment payment = read(row);
                if (payment != null && payments.containsKey(payment.key())) {
                    row.problem("setl_id", payment.setlId(), "结算ID在本文件中重复", "setl_id repeated in this file");
                }
                if (row.hasProblems()) {
                    session.reject(row);
                    continue;
                }
                payments.put(payment.key(), payment);
            }
            Set<String> members = lookups.knownMembers(payments.values().stream().map(Payment::psnNo).toList());
            Set<String> institutions = lookups.knownInstitutions(payments.values().stream().map(Payment::institution).toList());
            Map<String, Stored> stored = stored(payments.values());
            Set<String> closed = book.closed(members);
            Map<String, List<AccountMovement>> movements = book.movements(members);
            // Payments of each member in the order they were made: a balance pays the earlier first.
            Map<String, List<Payment>> byMember = new TreeMap<>();
            long unchanged = 0;
            for (Payment p : payments.values()) {
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
            Map<String, Money> paid = debitedSoFar(payments.values(), stored);
            for (List<Payment> mine : byMember.values()) {
                mine.sort(Comparator.comparing(Payment::settledAt).thenComparing(Payment::key));
                AvailableBalance balance = new AvailableBalance(movements.getOrDefault(mine.get(0).psnNo(), List.of()));
                for (Payment p : mine) {
                    decide(p, balance, closed.contains(p.psnNo()), paid, stored, session,
                            settling.computeIfAbsent(YearMonth.from(p.settledAt()), lookups::firstOpenFrom))
                            .ifPresent(movement -> {
                                accepted.add(p);
                                posted.add(movement);
                                balance.add(movement.movement());
                            });
                }
            }
            store(accepted, settling);
            if (!posted.isEmpty()) {
                book.post(entry(session, posted), posted);
            }
            return session.result(accepted.size(), unchanged);
        }
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
                                                                Map<String, Money> paid, Map<String, Stored> stored,
                                                                LoadSession session, YearMonth settles) {
        if (closed) {
            session.reject(p.line(), "psn_no", p.psnNo(), "个人账户已注销", "the individual account is closed");
            return java.util.Optional.empty();
        }
        String source = "account-payment:" + p.institution() + ":" + p.setlId();
        if (p.cancels()) {
            Money debited = paid.getOrDefault(p.originalKey(), Money.ZERO);
            boolean cancelledBefore = stored.values().stream().anyMatch(s -> s.cancels() && p.original().equals(s.original()));
            if (debited.isZero() || cancelledBefore) {
                session.reject(p.line(), "init_setl_id", p.original(), cancelledBefore ? "原结算已被冲销" : "被冲销的原结算不存在或未扣款",
                        cancelledBefore ? "the payment was already cancelled" : "the cancelled payment does not exist or was not debited");
                return java.util.Optional.empty();
            }
            paid.put(p.originalKey(), Money.ZERO);
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
    private JournalEntry entry(LoadSession session, List<AccountBook.NewMovement> movements) {
        Map<String, Money[]> byInstitution = new TreeMap<>();
        for (AccountBook.NewMovement m : movements) {
            Money[] sums = byInstitution.computeIfAbsent(m.institution(), k -> new Money[] {Money.ZERO, Money.ZERO});
            int i = m.amount().isNegative() ? 0 : 1;
            sums[i] = sums[i].plus(m.amount().abs());
        }
        JournalEntry.Builder entry = JournalEntry.builder(AccountBook.loadKey("account-payments", session.sha256(), null, movements),
                postingDates.today(), "个人账户门诊及药店支付 " + movements.size() + " 笔 (" + session.name() + ")");
        byInstitution.forEach((institution, sums) -> entry
                .debit(INDIVIDUAL_ACCOUNTS, sums[0]).credit(accountSpendingToSettle(institution), sums[0])
                .debit(accountSpendingToSettle(institution), sums[1]).credit(INDIVIDUAL_ACCOUNTS, sums[1]));
        return entry.build();
    }

    /** The payments of the file's keys already loaded (and of the originals its cancellations name). */
    private Map<String, Stored> stored(java.util.Collection<Payment> payments) {
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
    private Map<String, Money> debitedSoFar(java.util.Collection<Payment> payments, Map<String, Stored> stored) {
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
