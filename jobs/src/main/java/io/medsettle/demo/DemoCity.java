package io.medsettle.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A synthetic city with realistic shapes: institutions of every level, members of every category
 * with valid ID numbers, and monthly discharge files whose costs follow the level of care, with
 * repeat admissions, mid-way settlements and a few members whose costs cross the annual cap.
 *
 * <p>Everything is drawn from one seed, so the same settings always give the same files. Files are
 * written in the formats of {@code formats.md}, as a hospital's system would export them.
 */
public final class DemoCity {

    static final String[] DISCHARGE_COLUMNS = {"setl_id", "mdtrt_id", "psn_no", "fixmedins_code", "med_type",
            "begndate", "enddate", "setl_time", "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "clab_amt",
            "nego_antitumor_amt", "implant_dom_amt", "implant_jv_amt", "implant_imp_amt", "lrg_equip_amt",
            "transplant_amt", "chemo_flag", "offsite_type", "dise_codg", "acct_pay"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国", "桂兰", "志强", "海燕", "文"};
    private static final String[] DIAGNOSES = {"I10.x00", "E11.900", "J18.900", "I63.900", "K80.200", "C34.900", "S72.000", "N18.500", "I25.103", "J44.100"};

    /** What to generate. */
    public record Settings(long seed, int institutions, int members, int year, double admissionsPerMemberYear,
                           double badRowRate) {

        public static Settings demo(int year) {
            return new Settings(20260101L, 20, 20_000, year, 0.18, 0.002);
        }
    }

    /** An institution, with the bank account the fund pays it into. */
    public record Institution(String code, String name, int level, String kind, String bankName, String bankAccount) {
    }

    /**
     * A bank of the city and its account numbers: a branch prefix, then digits up to the bank's
     * length. One starts with a zero, to show that the statements keep an account as text. None is
     * 18 digits long: a run of 18 digits can pass for an ID number, which the privacy scan of the
     * tests' output would report.
     */
    private record Bank(String name, String prefix, int digits) {

        String account(int institution) {
            long serial = (institution + 1) * 7_919L;
            return prefix + String.format("%0" + (digits - prefix.length()) + "d", serial);
        }
    }

    private static final Bank[] BANKS = {new Bank("中国工商银行连云港分行", "1107020109", 19),
            new Bank("中国建设银行连云港分行", "32050167", 20), new Bank("中国农业银行连云港分行", "10450101", 19),
            new Bank("中国银行连云港分行", "4712", 12), new Bank("交通银行连云港分行", "3240", 21),
            new Bank("江苏连云港农村商业银行", "0312", 16)};

    public record Member(String psnNo, String name, String certno, int gender, LocalDate birth, String type,
                         String employer, LocalDate insuredSince) {
    }

    private final Settings settings;
    private final SplittableRandom random;
    private final List<Institution> institutions = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private long settlementSequence;

    public DemoCity(Settings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        createInstitutions();
        createMembers();
    }

    public List<Institution> institutions() {
        return List.copyOf(institutions);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    private void createInstitutions() {
        String[] names = {"连云港市第一人民医院", "连云港市第二人民医院", "连云港市中医院", "连云港市妇幼保健院", "海州区人民医院",
                "连云区人民医院", "赣榆区人民医院", "东海县人民医院", "灌云县人民医院", "灌南县人民医院", "新浦街道社区卫生服务中心",
                "浦东街道社区卫生服务中心", "朐阳街道社区卫生服务中心", "墟沟街道社区卫生服务中心", "连云港市第四人民医院",
                "连云港市肿瘤医院", "海州区中医院", "连云港经济技术开发区医院", "猴嘴街道社区卫生服务中心", "宁海街道社区卫生服务中心"};
        for (int i = 0; i < settings.institutions(); i++) {
            String name = i < names.length ? names[i] : "示范医疗机构" + (i + 1);
            int level = i < 3 ? 3 : i < 9 ? 2 : i < settings.institutions() - 1 ? 1 : 0;
            String kind = name.contains("中医") ? "tcm" : name.contains("社区") ? "community"
                    : name.contains("肿瘤") || name.contains("妇幼") || name.contains("第四") ? "specialist" : "general";
            Bank bank = BANKS[i % BANKS.length];
            institutions.add(new Institution(String.format("H320700%05d", i + 1), name, level, kind, bank.name(),
                    bank.account(i)));
        }
    }

    private void createMembers() {
        int year = settings.year();
        Set<String> certnos = new HashSet<>();
        for (int i = 0; i < settings.members(); i++) {
            double draw = random.nextDouble();
            String type = draw < 0.75 ? "in_service" : draw < 0.97 ? "retired" : "flexible";
            LocalDate birth = "retired".equals(type)
                    ? LocalDate.of(1940 + random.nextInt(25), 1, 1).plusDays(random.nextInt(365))
                    : LocalDate.of(year - 22 - random.nextInt(37), 1, 1).plusDays(random.nextInt(365));
            int sequence = random.nextInt(1000);
            int gender = sequence % 2 == 1 ? 1 : 2;
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                    + (random.nextInt(3) == 0 ? GIVEN[random.nextInt(GIVEN.length)] : "");
            // Most members joined long ago; a few joined during the year (waiting periods in other cities).
            LocalDate insured = random.nextDouble() < 0.03
                    ? LocalDate.of(year, 1 + random.nextInt(6), 1 + random.nextInt(28))
                    : LocalDate.of(2001 + random.nextInt(20), 1 + random.nextInt(12), 1);
            String employer = "in_service".equals(type) ? String.format("E%06d", random.nextInt(800)) : "";
            // One ID number per person (a load refuses a second member number with it): a number
            // already given goes to the next sequence of the same sex, drawing nothing more at random.
            String certno = CertNo.of("320706", birth, sequence);
            for (int step = 2; !certnos.add(certno); step += 2) {
                certno = CertNo.of("320706", birth, sequence + step);
            }
            members.add(new Member(String.format("3207%08d", i + 1), name, certno, gender, birth, type, employer, insured));
        }
    }

    public void writeInstitutions(Path file) {
        write(file, StandardCharsets.UTF_8, new String[] {"fixmedins_code", "fixmedins_name", "hosp_lv", "inst_kind", "tier",
                "bank_name", "bank_account"}, csv -> {
                    for (Institution institution : institutions) {
                        csv.printRecord(institution.code(), institution.name(), institution.level(), institution.kind(), "",
                                institution.bankName(), institution.bankAccount());
                    }
                });
    }

    public void writeMembers(Path file) {
        write(file, StandardCharsets.UTF_8, new String[] {"psn_no", "psn_name", "certno", "gend", "brdy", "psn_type",
                "emp_no", "insu_begn_date", "extra_contrib_years", "pension_prev_year", "wage_prev_year"}, csv -> {
                    for (Member m : members) {
                        boolean retired = "retired".equals(m.type());
                        csv.printRecord(m.psnNo(), m.name(), m.certno(), m.gender(), m.birth(), m.type(), m.employer(),
                                m.insuredSince(), retired ? random.nextInt(12) : 0,
                                retired ? money(36_000 + random.nextInt(60_000)) : "",
                                retired ? "" : money(48_000 + random.nextInt(120_000)));
                    }
                });
    }

    /** The approved average per institution: what a discharge of its level usually costs the fund. */
    public void writeApprovedAverages(Path file) {
        write(file, StandardCharsets.UTF_8, new String[] {"fixmedins_code", "year", "approved_avg"}, csv -> {
            for (Institution institution : institutions) {
                int base = switch (institution.level()) {
                    case 3 -> 11_000;
                    case 2 -> 6_500;
                    default -> 3_200;
                };
                csv.printRecord(institution.code(), settings.year(), money(base + random.nextInt(1_500)));
            }
        });
    }

    /**
     * The year's assessment scores (考核得分) of the institutions and the extra codes given (a pharmacy):
     * most between 85 and 99, one below 60 so that a forfeited deposit shows, one between 60 and 90.
     */
    public void writeAssessmentScores(Path file, List<String> extraCodes) {
        List<String> codes = new java.util.ArrayList<>(institutions.stream().map(Institution::code).toList());
        codes.addAll(extraCodes);
        write(file, StandardCharsets.UTF_8, new String[] {"fixmedins_code", "year", "score"}, csv -> {
            for (int i = 0; i < codes.size(); i++) {
                String score = switch (i) {
                    case 2 -> "55.00";
                    case 3 -> "78.50";
                    default -> String.format("%d.%d0", 85 + random.nextInt(15), random.nextInt(10));
                };
                csv.printRecord(codes.get(i), settings.year(), score);
            }
        });
    }

    /**
     * Monthly control totals of the pooled fund. The budget is generous except in the given month,
     * where it is cut so that the institutions' dues exceed it and the pro-rata allocation applies.
     */
    public void writeBudgets(Path file, long monthlyControlTotal, int tightMonth) {
        write(file, StandardCharsets.UTF_8, new String[] {"year", "month", "control_total"}, csv -> {
            for (int month = 1; month <= 12; month++) {
                long total = month == tightMonth ? monthlyControlTotal / 2 : monthlyControlTotal;
                csv.printRecord(settings.year(), month, money(total));
            }
        });
    }

    /**
     * One institution's discharge file for a month. A share of rows is wrong on purpose
     * ({@link Settings#badRowRate()}): a negative amount, a date outside the month, an unknown
     * member, a repeated settlement id, the kinds of mistakes hospitals' exports make.
     */
    public int writeDischarges(Path file, Institution institution, YearMonth period, Charset charset) {
        double admissionsPerMonth = settings.admissionsPerMemberYear() / 12.0;
        // Each institution sees a share of the city's members, larger for higher levels.
        double share = switch (institution.level()) {
            case 3 -> 0.14;
            case 2 -> 0.045;
            default -> 0.012;
        };
        int expected = (int) Math.round(members.size() * admissionsPerMonth * share * institutions.size() / 7.0);
        return writeDischargeRows(file, institution, period, charset, expected);
    }

    /** A file with a given number of rows, for benchmarks. */
    public int writeDischargeRows(Path file, Institution institution, YearMonth period, Charset charset, int rows) {
        int[] written = {0};
        write(file, charset, DISCHARGE_COLUMNS, csv -> {
            String lastSetlId = null;
            for (int i = 0; i < rows; i++) {
                Member member = members.get(random.nextInt(members.size()));
                List<Object> row = dischargeRow(institution, period, member);
                if (random.nextDouble() < settings.badRowRate()) {
                    spoil(row, lastSetlId);
                }
                lastSetlId = (String) row.get(0);
                csv.printRecord(row);
                written[0]++;
                // A long stay is settled mid-way at the turn of the month: a second row, same mdtrt_id.
                if (random.nextDouble() < 0.01) {
                    List<Object> second = dischargeRow(institution, period, member);
                    second.set(1, row.get(1));
                    csv.printRecord(second);
                    written[0]++;
                }
            }
        });
        return written[0];
    }

    private List<Object> dischargeRow(Institution institution, YearMonth period, Member member) {
        LocalDate end = period.atDay(1 + random.nextInt(period.lengthOfMonth()));
        LocalDate begin = end.minusDays(2 + random.nextInt(14));
        LocalDateTime settled = end.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
        double median = switch (institution.level()) {
            case 3 -> 16_000;
            case 2 -> 8_000;
            default -> 3_800;
        };
        double cost = median * Math.exp(0.6 * random.nextGaussian());
        // A few catastrophic admissions push members over the annual cap.
        if (random.nextDouble() < 0.003) {
            cost = 120_000 + random.nextInt(300_000);
        }
        BigDecimal total = BigDecimal.valueOf(cost).setScale(2, RoundingMode.HALF_UP);
        BigDecimal ownPay = fraction(total, 0.02, 0.08);
        BigDecimal overLimit = fraction(total, 0.0, 0.01);
        BigDecimal classB = fraction(total, 0.05, 0.20);
        boolean implant = random.nextDouble() < 0.08;
        BigDecimal implantDom = implant ? fraction(total, 0.05, 0.15) : BigDecimal.ZERO;
        BigDecimal implantImp = implant && random.nextBoolean() ? fraction(total, 0.02, 0.10) : BigDecimal.ZERO;
        BigDecimal equipment = random.nextDouble() < 0.3 ? fraction(total, 0.01, 0.05) : BigDecimal.ZERO;
        boolean cancer = random.nextDouble() < 0.05;
        String settlementId = String.format("S%s%s%08d", institution.code().substring(7), period.toString().replace("-", ""),
                ++settlementSequence);
        List<Object> row = new ArrayList<>(DISCHARGE_COLUMNS.length);
        row.add(settlementId);
        row.add("M" + settlementId.substring(1));
        row.add(member.psnNo());
        row.add(institution.code());
        row.add(random.nextDouble() < 0.1 ? "22" : "21");
        row.add(begin);
        row.add(end);
        row.add(TIME.format(settled));
        row.add(total.toPlainString());
        row.add(ownPay.toPlainString());
        row.add(overLimit.toPlainString());
        row.add(classB.toPlainString());
        row.add(cancer ? fraction(total, 0.05, 0.2).toPlainString() : "0");
        row.add(implantDom.toPlainString());
        row.add("0");
        row.add(implantImp.toPlainString());
        row.add(equipment.toPlainString());
        row.add("0");
        row.add(cancer && random.nextBoolean() ? "1" : "0");
        row.add(random.nextDouble() < 0.02 ? "referral_out" : "local");
        row.add(cancer ? "C34.900" : DIAGNOSES[random.nextInt(DIAGNOSES.length)]);
        row.add(random.nextDouble() < 0.3 ? fraction(ownPay, 0.1, 0.9).toPlainString() : "0");
        return row;
    }

    private void spoil(List<Object> row, String previousSetlId) {
        switch (random.nextInt(4)) {
            case 0 -> row.set(8, "-" + row.get(8));
            case 1 -> row.set(6, LocalDate.parse(row.get(6).toString()).plusMonths(2).toString());
            case 2 -> row.set(2, "32079999999");
            default -> {
                if (previousSetlId != null) {
                    row.set(0, previousSetlId);
                } else {
                    row.set(5, "2025-13-45");
                }
            }
        }
    }

    private BigDecimal fraction(BigDecimal total, double min, double max) {
        double f = min + (max - min) * random.nextDouble();
        return total.multiply(BigDecimal.valueOf(f)).setScale(2, RoundingMode.DOWN);
    }

    private static String money(long yuan) {
        return yuan + ".00";
    }

    private interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private static void write(Path file, Charset charset, String[] header, Rows rows) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, charset);
                 CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator("\n").get().print(writer)) {
                rows.print(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
