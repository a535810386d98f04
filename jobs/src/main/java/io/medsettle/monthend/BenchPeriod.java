package io.medsettle.monthend;

import static io.medsettle.ledger.ChartOfAccounts.BANK_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.app.Application;
import io.medsettle.app.PgCopy;
import io.medsettle.bench.BenchTables;
import io.medsettle.demo.DemoCity;
import io.medsettle.files.Identifiers;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A city's month of settlements written straight into the tables, as the intake would have left
 * them after one loaded discharge file per institution, for the month-end's benchmark: institutions,
 * approved averages and the month's budget loaded as reference files; members and their opening
 * balances; per institution, its file registered as loaded ({@code intake_file}), its settlements
 * with the recomputed figures beside the reported ones ({@code settlement}), the revisions that
 * other institutions' files made of some of them ({@code settlement_revision}), the change log of
 * revisions and cancellations ({@code settlement_change}), and the members' account debits and
 * refunds posted with the file's one ledger entry through the intake's own
 * {@link AccountBook#postStaged(long, LocalDate, String)}. Nothing here adjudicates: the figures are
 * drawn at random but hold together the way the engine's do (member share = cost − fund − large-sum
 * pay, an account payment within the member share, a cancellation the negation of its original).
 *
 * <p>Rows go in by {@code COPY}, one institution's file after another (so they lie on disk as loads
 * leave them, which the period's block range index relies on), each file in a transaction of its
 * own, as an intake's load is. The tables are analyzed afterwards, as autovacuum would have done.
 */
final class BenchPeriod {

    /** Shares of the period's rows, as in a city's real month. */
    private static final double ACCOUNT_PAYERS = 0.35;
    private static final double SPLIT_STAYS = 0.02;
    private static final double INELIGIBLE = 0.005;
    private static final double OVER_CAP = 0.005;
    private static final double REPORTED_OTHERWISE = 0.01;
    private static final double REVISED = 0.01;
    private static final double CANCELLED = 0.002;
    /** The month's control total against the dues: a little short, so that the pro-rata allocation applies. */
    private static final BigDecimal BUDGET_SHARE = new BigDecimal("0.97");

    private static final List<String> MEMBER_COLUMNS = List.of("psn_no", "valid_from", "psn_name", "certno", "gend",
            "brdy", "psn_type", "emp_no", "insu_begn_date", "extra_contrib_years", "pension_prev_year",
            "wage_prev_year", "loaded_at");
    private static final List<String> SETTLEMENT_COLUMNS = List.of("fixmedins_code", "setl_id", "file_id", "line_no",
            "mdtrt_id", "psn_no", "med_type", "begndate", "enddate", "setl_time", "period", "benefit_year",
            "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "clab_amt", "nego_antitumor_amt",
            "implant_dom_amt", "implant_jv_amt", "implant_imp_amt", "lrg_equip_amt", "transplant_amt", "chemo_flag",
            "offsite_type", "dise_codg", "refd_setl_flag", "init_setl_id", "rpt_preselfpay_amt", "rpt_inscp_scp_amt",
            "rpt_act_pay_dedc", "rpt_hifp_pay", "rpt_hifob_pay", "rpt_fund_pay_sumamt", "rpt_psn_part_amt",
            "rpt_acct_pay", "rpt_psn_cash_pay", "eligible", "reason", "preselfpay_amt", "inscp_scp_amt",
            "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay", "psn_part_amt", "acct_pay", "diff_flag",
            "diff_fields");
    private static final List<String> REVISION_COLUMNS = List.of("fixmedins_code", "setl_id", "revision", "psn_no",
            "file_id", "eligible", "reason", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay",
            "overcap_amt", "hifob_pay", "psn_part_amt", "acct_pay", "diff_flag", "diff_fields");
    private static final List<String> CHANGE_COLUMNS = List.of("file_id", "fixmedins_code", "setl_id", "kind");
    private static final List<String> ACCOUNT_STAGING_COLUMNS = List.of("file_id", "psn_no", "kind", "amount",
            "value_date", "source", "fixmedins_code", "setl_id", "settlement_period");
    private static final String[] DIAGNOSES = {"I10.x00", "E11.900", "J18.900", "I63.900", "K80.200", "C34.900",
            "S72.000", "N18.500", "I25.103", "J44.100"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What was written. */
    record Written(int institutions, int members, long settlements, long revisions, long cancellations,
                   long accountMovements, Money controlTotal) {
    }

    private final Application app;
    private final Path dir;
    private final YearMonth period;
    private final int institutions;
    private final int members;
    private final long rows;
    private final SplittableRandom random;
    private final long seed;

    BenchPeriod(Application app, Path dir, YearMonth period, int institutions, int members, long rows, long seed) {
        this.app = app;
        this.dir = dir;
        this.period = period;
        this.institutions = institutions;
        this.members = members;
        this.rows = rows;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    Written write() throws IOException {
        Files.createDirectories(dir);
        DemoCity city = new DemoCity(new DemoCity.Settings(seed, institutions, 0, period.getYear(), 0, 0));
        city.writeInstitutions(dir.resolve("institutions.csv"));
        ReferenceFileLoader references = app.bean(ReferenceFileLoader.class);
        references.load(ReferenceKind.INSTITUTIONS, dir.resolve("institutions.csv"), period.atDay(1).withDayOfYear(1));
        List<Hospital> hospitals = city.institutions().stream().map(Hospital::new).toList();
        writeApprovedAverages(hospitals);
        references.load(ReferenceKind.APPROVED_AVERAGES, dir.resolve("approved-averages.csv"), period.atDay(1));
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        transaction.executeWithoutResult(status -> writeMembers());
        long[] fileIds = registerFiles(hospitals);
        long[] counts = new long[4];
        long[] weights = hospitals.stream().mapToLong(h -> h.weight).toArray();
        long totalWeight = java.util.Arrays.stream(weights).sum();
        long left = rows;
        for (int i = 0; i < hospitals.size(); i++) {
            long share = i == hospitals.size() - 1 ? left : Math.min(left, rows * weights[i] / totalWeight);
            left -= share;
            Hospital hospital = hospitals.get(i);
            long causing = fileIds[(i + 1) % fileIds.length];
            long file = fileIds[i];
            long[] written = transaction.execute(status -> writeFile(hospital, file, causing, (int) share));
            for (int c = 0; c < counts.length; c++) {
                counts[c] += written[c];
            }
        }
        Money control = Money.of(hospitals.stream().map(Hospital::due).reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(BUDGET_SHARE).setScale(2, java.math.RoundingMode.DOWN));
        Files.writeString(dir.resolve("budgets.csv"), "year,month,control_total\n" + period.getYear() + ","
                + period.getMonthValue() + "," + control + "\n", StandardCharsets.UTF_8);
        references.load(ReferenceKind.BUDGETS, dir.resolve("budgets.csv"), period.atDay(1));
        BenchTables.vacuumAnalyze(app.database(), List.of("member", "settlement", "settlement_revision", "settlement_change",
                "account_movement", "intake_file", "institution", "approved_average", "posting", "journal_entry"));
        return new Written(institutions, members, counts[0], counts[1], counts[2], counts[3], control);
    }

    /** An institution of the city and what its month comes to, for the month's budget. */
    private final class Hospital {
        final DemoCity.Institution institution;
        final long weight;
        final BigDecimal approvedAverage;
        /** Discharges and members' self-pay of its eligible, uncancelled settlements (DOMAIN.md §2). */
        long discharges;
        BigDecimal memberSelfPay = BigDecimal.ZERO;

        Hospital(DemoCity.Institution institution) {
            this.institution = institution;
            this.weight = switch (institution.level()) {
                case 3 -> 8;
                case 2 -> 3;
                default -> 1;
            };
            // The average cost of a discharge of its level, give or take 5%: N × average − the members'
            // self-pay then comes near what the fund pays at actual, as approved averages are set to.
            int base = baseCost(institution.level());
            this.approvedAverage = BigDecimal.valueOf(base * 95L + random.nextInt(base * 10), 2);
        }

        String code() {
            return institution.code();
        }

        BigDecimal due() {
            BigDecimal due = approvedAverage.multiply(BigDecimal.valueOf(discharges)).subtract(memberSelfPay);
            return due.signum() < 0 ? BigDecimal.ZERO : due;
        }
    }

    /** A discharge's typical cost at a level, in yuan. */
    private static int baseCost(int level) {
        return switch (level) {
            case 3 -> 16_000;
            case 2 -> 9_000;
            default -> 5_000;
        };
    }

    private void writeApprovedAverages(List<Hospital> hospitals) throws IOException {
        StringBuilder csv = new StringBuilder("fixmedins_code,year,approved_avg\n");
        for (Hospital h : hospitals) {
            csv.append(h.code()).append(',').append(period.getYear()).append(',').append(h.approvedAverage.toPlainString())
                    .append('\n');
        }
        Files.writeString(dir.resolve("approved-averages.csv"), csv, StandardCharsets.UTF_8);
    }

    /**
     * The members, and an opening balance for each, posted as the openings load posts them: the
     * movements and the one entry that carries their total, so the sub-ledger agrees with the ledger.
     */
    private void writeMembers() {
        DataSource dataSource = app.bean(DataSource.class);
        JdbcClient jdbc = app.bean(JdbcClient.class);
        PgCopy copy = PgCopy.streaming(dataSource, "member", MEMBER_COLUMNS);
        String loadedAt = TIME.format(LocalDateTime.now(app.bean(Clock.class)));
        for (int i = 0; i < members; i++) {
            double draw = random.nextDouble();
            String type = draw < 0.75 ? "in_service" : draw < 0.97 ? "retired" : "flexible";
            boolean retired = "retired".equals(type);
            LocalDate birth = retired ? LocalDate.of(1940 + random.nextInt(25), 1, 1).plusDays(random.nextInt(365))
                    : LocalDate.of(period.getYear() - 22 - random.nextInt(37), 1, 1).plusDays(random.nextInt(365));
            String body = "320706" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", i % 1000);
            copy.row().text(psnNo(i)).date(LocalDate.of(1, 1, 1))
                    .text(SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)])
                    .text(body + Identifiers.idNumberCheckDigit(body)).text(i % 2 == 0 ? "1" : "2").date(birth).text(type)
                    .text(retired ? null : String.format("E%06d", i % 800))
                    .date(LocalDate.of(2001 + random.nextInt(20), 1 + random.nextInt(12), 1))
                    .number(retired ? random.nextInt(12) : 0)
                    .text(retired ? (36_000 + random.nextInt(60_000)) + ".00" : null)
                    .text(retired ? null : (48_000 + random.nextInt(120_000)) + ".00").text(loadedAt).end();
        }
        copy.flush();
        jdbc.sql("""
                create temporary table bench_openings (psn_no varchar(30), kind varchar(12), amount numeric(14, 2),
                    value_date date, source varchar(120), fixmedins_code varchar(12), settlement_period char(7))
                    on commit drop""").update();
        PgCopy openings = PgCopy.streaming(dataSource, "bench_openings", List.of("psn_no", "kind", "amount", "value_date",
                "source"));
        LocalDate asOf = period.atDay(1).withDayOfYear(1).minusDays(1);
        for (int i = 0; i < members; i++) {
            openings.row().text(psnNo(i)).text("opening").text("2000.00").date(asOf).text("bench-opening:" + seed + ":" + i)
                    .end();
        }
        openings.flush();
        Money total = Money.of(BigDecimal.valueOf(members * 200_000L, 2));
        app.bean(AccountBook.class).postStaged(JournalEntry.builder(IdempotencyKey.of("bench-openings", seed), asOf,
                "个人账户期初余额(bench)").debit(BANK_INCOME, total).credit(INDIVIDUAL_ACCOUNTS, total).build(), "bench_openings");
    }

    private static String psnNo(int i) {
        return String.format("3207%08d", i + 1);
    }

    /** One file an institution, registered as the intake registers it; marked loaded with its counts later. */
    private long[] registerFiles(List<Hospital> hospitals) {
        JdbcClient jdbc = app.bean(JdbcClient.class);
        long[] ids = new long[hospitals.size()];
        Timestamp now = Timestamp.from(app.bean(Clock.class).instant());
        for (int i = 0; i < ids.length; i++) {
            String code = hospitals.get(i).code();
            ids[i] = jdbc.sql("""
                            insert into intake_file (sha256, fixmedins_code, period, file_name, encoding, status, received_at)
                            values (?, ?, ?, ?, 'UTF-8', 'STAGING', ?) returning file_id""")
                    .params(sha256(code), code, period.toString(), code + "-" + period + ".csv", now)
                    .query(Long.class).single();
        }
        return ids;
    }

    private String sha256(String code) {
        byte[] bytes = new byte[32];
        new SplittableRandom(seed ^ code.hashCode()).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A settlement's figures, recomputed or as the hospital reported them. */
    private record Figures(boolean eligible, String reason, BigDecimal preSelfPay, BigDecimal inScope,
                           BigDecimal deductible, BigDecimal fundPay, BigDecimal overCap, BigDecimal supplementary,
                           BigDecimal memberPart, BigDecimal accountPay) {

        BigDecimal memberSelfPay() {
            return preSelfPay.add(inScope).subtract(fundPay).subtract(overCap);
        }

        Figures negate() {
            return new Figures(eligible, reason, preSelfPay.negate(), inScope.negate(), deductible.negate(),
                    fundPay.negate(), overCap.negate(), supplementary.negate(), memberPart.negate(), accountPay.negate());
        }
    }

    /** One settlement row of the file. */
    private record Settlement(String setlId, String mdtrtId, String psnNo, LocalDate begin, LocalDate end,
                              LocalDateTime settledAt, BigDecimal cost, BigDecimal ownPay, BigDecimal overLimit,
                              BigDecimal classB, String diagnosis, String cancels, Figures figures, Figures revised,
                              boolean reportedOtherwise) {
    }

    /**
     * One institution's file: its settlements, revisions, changes and account movements, and the
     * file marked loaded. Returns the settlements, revisions, cancellations and movements written.
     */
    private long[] writeFile(Hospital hospital, long fileId, long causingFileId, int count) {
        List<Settlement> settlements = settlements(hospital, count);
        DataSource dataSource = app.bean(DataSource.class);
        JdbcClient jdbc = app.bean(JdbcClient.class);
        String code = hospital.code();
        PgCopy copy = PgCopy.streaming(dataSource, "settlement", SETTLEMENT_COLUMNS);
        int line = 0;
        for (Settlement s : settlements) {
            Figures f = s.figures();
            boolean cancellation = s.cancels() != null;
            BigDecimal reportedFundPay = s.reportedOtherwise() ? f.fundPay().add(new BigDecimal("12.34")) : f.fundPay();
            PgCopy.Row row = copy.row().text(code).text(s.setlId()).number(fileId).number(++line).text(s.mdtrtId())
                    .text(s.psnNo()).text("21").date(s.begin()).date(s.end()).timestamp(s.settledAt())
                    .text(period.toString()).number(s.end().getYear()).decimal(s.cost()).decimal(s.ownPay())
                    .decimal(s.overLimit()).decimal(s.classB()).decimal(BigDecimal.ZERO).decimal(BigDecimal.ZERO)
                    .decimal(BigDecimal.ZERO).decimal(BigDecimal.ZERO).decimal(BigDecimal.ZERO).decimal(BigDecimal.ZERO)
                    .flag(false).text("local").text(s.diagnosis()).flag(cancellation).text(s.cancels());
            if (cancellation) {
                // A cancellation's own figures are the engine's; the hospital reports none for it.
                row.decimal(null).decimal(null).decimal(null).decimal(null).decimal(null).decimal(null).decimal(null)
                        .decimal(null).decimal(null);
            } else {
                row.decimal(f.preSelfPay()).decimal(f.inScope()).decimal(f.deductible()).decimal(reportedFundPay)
                        .decimal(f.supplementary()).decimal(reportedFundPay.add(f.supplementary())).decimal(f.memberPart())
                        .decimal(f.accountPay()).decimal(f.memberPart().subtract(f.accountPay()));
            }
            figures(row, f).flag(s.reportedOtherwise()).text(s.reportedOtherwise() ? "hifp_pay" : null).end();
        }
        long written = copy.flush();

        long revisions = 0;
        PgCopy revisionCopy = PgCopy.streaming(dataSource, "settlement_revision", REVISION_COLUMNS);
        for (Settlement s : settlements) {
            if (s.revised() != null) {
                figures(revisionCopy.row().text(code).text(s.setlId()).number(2).text(s.psnNo()).number(causingFileId),
                        s.revised()).flag(false).text(null).end();
                revisions++;
            }
        }
        revisionCopy.flush();

        // The change log as the loads write it: each revision under the file that caused it, each cancellation under its own.
        PgCopy changes = PgCopy.streaming(dataSource, "settlement_change", CHANGE_COLUMNS);
        long cancellations = 0;
        for (Settlement s : settlements) {
            if (s.revised() != null) {
                changes.row().number(causingFileId).text(code).text(s.setlId()).text("revision").end();
            }
        }
        for (Settlement s : settlements) {
            if (s.cancels() != null) {
                changes.row().number(fileId).text(code).text(s.cancels()).text("cancellation").end();
                cancellations++;
            }
        }
        changes.flush();

        // The account step's decisions: each eligible settlement's account part debited, a cancellation's refunded.
        PgCopy staged = PgCopy.streaming(dataSource, "account_staging", ACCOUNT_STAGING_COLUMNS);
        long movements = 0;
        for (Settlement s : settlements) {
            BigDecimal accountPay = s.figures().accountPay();
            if (!s.figures().eligible() || accountPay.signum() == 0) {
                continue;
            }
            boolean cancellation = s.cancels() != null;
            staged.row().number(fileId).text(s.psnNo()).text(cancellation ? "refund" : "spending")
                    .decimal(accountPay.negate()).date(s.settledAt().toLocalDate()).text("discharge:" + code + ":" + s.setlId())
                    .text(code).text(cancellation ? s.cancels() : s.setlId()).text(period.toString()).end();
            movements++;
        }
        staged.flush();
        app.bean(AccountBook.class).postStaged(fileId, period.atEndOfMonth().plusDays(5), "出院结算个人账户支付 file #" + fileId);

        jdbc.sql("""
                        update intake_file set status = 'LOADED', rows_read = ?, rows_loaded = ?, rows_rejected = 0,
                               late = false, rows_revised = 0, rows_revised_other = 0, finished_at = received_at
                         where file_id = ?""")
                .params(settlements.size(), settlements.size(), fileId).update();
        return new long[] {written, revisions, cancellations, movements};
    }

    private static PgCopy.Row figures(PgCopy.Row row, Figures f) {
        return row.flag(f.eligible()).text(f.reason()).decimal(f.preSelfPay()).decimal(f.inScope())
                .decimal(f.deductible()).decimal(f.fundPay()).decimal(f.overCap()).decimal(f.supplementary())
                .decimal(f.memberPart()).decimal(f.accountPay());
    }

    /**
     * The file's settlements in the order of their settlement time, a few stays settled twice, a few
     * settlements cancelled later in the month (by a row of their own), a few revised by another
     * institution's file; the hospital's totals for the month's budget.
     */
    private List<Settlement> settlements(Hospital hospital, int count) {
        String code = hospital.code();
        List<Settlement> settlements = new ArrayList<>(count);
        Set<Integer> cancelled = new HashSet<>();
        int level = hospital.institution.level();
        for (int i = 0; i < count; i++) {
            String setlId = "S" + code.substring(5) + period.toString().replace("-", "") + String.format("%07d", i + 1);
            double second = i / (double) count;
            LocalDateTime settledAt = period.atDay(1).atStartOfDay().plusSeconds((long) (second * period.lengthOfMonth() * 86_399));
            if (i > 10 && random.nextDouble() < CANCELLED) {
                int original = random.nextInt(i);
                Settlement o = settlements.get(original);
                if (o.cancels() == null && o.revised() == null && cancelled.add(original)) {
                    settlements.add(new Settlement(setlId, o.mdtrtId(), o.psnNo(), o.begin(), o.end(), settledAt, o.cost(),
                            o.ownPay(), o.overLimit(), o.classB(), o.diagnosis(), o.setlId(),
                            withReason(o.figures().negate(), "cancels:" + o.setlId()), null, false));
                    continue;
                }
            }
            boolean split = i > 0 && random.nextDouble() < SPLIT_STAYS && settlements.get(i - 1).cancels() == null;
            String psnNo = split ? settlements.get(i - 1).psnNo() : psnNo(random.nextInt(members));
            String mdtrtId = split ? settlements.get(i - 1).mdtrtId() : "M" + setlId.substring(1);
            LocalDate end = settledAt.toLocalDate();
            LocalDate begin = end.minusDays(1 + random.nextInt(14));
            BigDecimal cost = BigDecimal.valueOf((long) (baseCost(level) * 100 * (0.3 + 1.4 * random.nextDouble())), 2);
            BigDecimal ownPay = fraction(cost, 0.02, 0.08);
            BigDecimal overLimit = fraction(cost, 0.0, 0.01);
            BigDecimal classB = fraction(cost, 0.05, 0.20);
            Figures figures = adjudicated(cost, ownPay.add(overLimit), random.nextDouble() < INELIGIBLE,
                    random.nextDouble() < OVER_CAP, random.nextDouble() < ACCOUNT_PAYERS, new BigDecimal("600.00"));
            Figures revised = figures.eligible() && random.nextDouble() < REVISED
                    // Another institution's earlier stay of the member arrived later: the deductible was met there.
                    ? adjusted(figures) : null;
            settlements.add(new Settlement(setlId, mdtrtId, psnNo, begin, end, settledAt, cost, ownPay, overLimit, classB,
                    DIAGNOSES[random.nextInt(DIAGNOSES.length)], null, figures, revised,
                    random.nextDouble() < REPORTED_OTHERWISE));
        }
        // What the month's own figures will come to (DOMAIN.md §2), at each settlement's latest figures.
        Set<String> stays = new HashSet<>();
        for (int i = 0; i < settlements.size(); i++) {
            Settlement s = settlements.get(i);
            Figures latest = s.revised() != null ? s.revised() : s.figures();
            if (s.cancels() == null && !cancelled.contains(i) && latest.eligible()) {
                stays.add(s.mdtrtId());
                hospital.memberSelfPay = hospital.memberSelfPay.add(latest.memberSelfPay());
            }
        }
        hospital.discharges = stays.size();
        return settlements;
    }

    private static Figures withReason(Figures f, String reason) {
        return new Figures(f.eligible(), reason, f.preSelfPay(), f.inScope(), f.deductible(), f.fundPay(), f.overCap(),
                f.supplementary(), f.memberPart(), f.accountPay());
    }

    /** The engine's figures, roughly: the deductible, 85% of the rest in scope, what is over the cap by the large-sum layer. */
    private Figures adjudicated(BigDecimal cost, BigDecimal preSelfPay, boolean ineligible, boolean overCap,
                                boolean paysFromAccount, BigDecimal deductible) {
        BigDecimal inScope = cost.subtract(preSelfPay);
        if (ineligible) {
            return new Figures(false, "not_insured", preSelfPay, inScope, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, cost, BigDecimal.ZERO);
        }
        BigDecimal dedc = deductible.min(inScope);
        BigDecimal fundPay = inScope.subtract(dedc).multiply(new BigDecimal("0.85")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal over = overCap ? fraction(fundPay, 0.1, 0.3) : BigDecimal.ZERO;
        fundPay = fundPay.subtract(over);
        BigDecimal supplementary = over.multiply(new BigDecimal("0.80")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal memberPart = cost.subtract(fundPay).subtract(supplementary);
        BigDecimal accountPay = paysFromAccount ? fraction(memberPart, 0.1, 0.9) : BigDecimal.ZERO;
        return new Figures(true, null, preSelfPay, inScope, dedc, fundPay, over, supplementary, memberPart, accountPay);
    }

    /** The figures again without the deductible; the account part stays what was debited. */
    private static Figures adjusted(Figures f) {
        BigDecimal more = f.deductible().multiply(new BigDecimal("0.85")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal memberPart = f.memberPart().subtract(more);
        if (memberPart.compareTo(f.accountPay()) < 0) {
            return null;
        }
        return new Figures(true, null, f.preSelfPay(), f.inScope(), BigDecimal.ZERO, f.fundPay().add(more), f.overCap(),
                f.supplementary(), memberPart, f.accountPay());
    }

    private BigDecimal fraction(BigDecimal total, double min, double max) {
        double f = min + (max - min) * random.nextDouble();
        return total.multiply(BigDecimal.valueOf(f)).setScale(2, java.math.RoundingMode.DOWN);
    }
}
