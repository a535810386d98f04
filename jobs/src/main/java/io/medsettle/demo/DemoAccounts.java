package io.medsettle.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The demo city's individual accounts (DOMAIN.md §4): balances taken over at the start of the year,
 * monthly contributions (one employer in arrears for a quarter, paying later: 补记), a pharmacy's
 * account payments, the interest rates, and one transfer in, one transfer out and one death.
 *
 * <p>Drawn from a random stream of its own, so that the city's discharge files stay what they were.
 */
final class DemoAccounts {

    /** The employer that does not pay for March to May, and pays all three in June. */
    static final int ARREARS_FROM = 3;
    static final int ARREARS_TO = 5;
    static final int ARREARS_PAID = 6;

    static final String PHARMACY = "P32070000001";

    private final DemoCity city;
    private final int year;
    private final SplittableRandom random;
    private final String arrearsEmployer;

    DemoAccounts(DemoCity city, long seed, int year) {
        this.city = city;
        this.year = year;
        this.random = new SplittableRandom(seed ^ 0x5EED_ACC0L);
        this.arrearsEmployer = city.members().stream().map(DemoCity.Member::employer).filter(e -> !e.isEmpty())
                .findFirst().orElse("");
    }

    String arrearsEmployer() {
        return arrearsEmployer;
    }

    void writePharmacy(Path file) {
        write(file, new String[] {"fixmedins_code", "fixmedins_name", "hosp_lv", "inst_kind", "bank_name", "bank_account"},
                csv -> csv.printRecord(PHARMACY, "连云港市老百姓大药房", 0, "pharmacy", "江苏银行连云港分行", "60100188000231457"));
    }

    void writeInterestRates(Path file) {
        write(file, new String[] {"effective_date", "kind", "annual_rate"}, csv -> {
            csv.printRecord("2015-10-24", "demand", "0.0035");
            csv.printRecord("2015-10-24", "time_3m", "0.0135");
            csv.printRecord(year + "-05-20", "demand", "0.0005");
            csv.printRecord(year + "-05-20", "time_3m", "0.0065");
        });
    }

    /** What each member's account held at the end of last year, from the previous system. */
    void writeOpenings(Path file) {
        write(file, new String[] {"psn_no", "as_of_date", "balance"}, csv -> {
            for (DemoCity.Member m : city.members()) {
                csv.printRecord(m.psnNo(), LocalDate.of(year - 1, 12, 31), random.nextInt(3_000) + ".00");
            }
        });
    }

    /**
     * The month's contributions of everyone in service or self-employed, paid on the 15th; the
     * arrears employer's rows of March to May without a paid date. In June the file carries those
     * three months again, paid on 20 June.
     */
    void writeContributions(Path file, YearMonth period) {
        write(file, new String[] {"emp_no", "psn_no", "period", "base", "employer_amt", "personal_amt", "paid_date"}, csv -> {
            for (DemoCity.Member m : city.members()) {
                if ("retired".equals(m.type())) {
                    continue;
                }
                long base = 3_000 + Math.floorMod(m.psnNo().hashCode(), 12_000);
                boolean arrears = m.employer().equals(arrearsEmployer);
                String paid = arrears && period.getMonthValue() >= ARREARS_FROM && period.getMonthValue() <= ARREARS_TO
                        ? "" : period.atDay(15).toString();
                csv.printRecord(m.employer(), m.psnNo(), period, base + ".00", money(base * 8), money(base * 2), paid);
                if (arrears && period.getMonthValue() == ARREARS_PAID) {
                    for (int month = ARREARS_FROM; month <= ARREARS_TO; month++) {
                        csv.printRecord(m.employer(), m.psnNo(), YearMonth.of(year, month), base + ".00", money(base * 8),
                                money(base * 2), period.atDay(20));
                    }
                }
            }
        });
    }

    /** Some two hundred pharmacy purchases paid from members' accounts in the month. */
    void writePharmacyPayments(Path file, YearMonth period) {
        List<DemoCity.Member> members = city.members();
        write(file, new String[] {"setl_id", "psn_no", "fixmedins_code", "setl_time", "acct_pay"}, csv -> {
            for (int i = 1; i <= 200; i++) {
                DemoCity.Member m = members.get(random.nextInt(members.size()));
                String time = period.atDay(1 + random.nextInt(period.lengthOfMonth())) + " "
                        + String.format("%02d:%02d:00", 8 + random.nextInt(12), random.nextInt(60));
                csv.printRecord("Y" + period.toString().replace("-", "") + String.format("%04d", i), m.psnNo(), PHARMACY, time,
                        (20 + random.nextInt(280)) + "." + String.format("%02d", random.nextInt(100)));
            }
        });
    }

    /** One transfer in (April), one transfer out (September), one death (October). */
    void writeEvents(Path file, YearMonth period) {
        List<DemoCity.Member> members = city.members();
        DemoCity.Member arriving = members.get(members.size() / 3);
        DemoCity.Member leaving = members.get(members.size() / 2);
        DemoCity.Member dying = members.stream().filter(m -> "retired".equals(m.type())).findFirst().orElse(members.get(0));
        write(file, new String[] {"psn_no", "event", "event_date", "amount", "counterparty"}, csv -> {
            switch (period.getMonthValue()) {
                case 4 -> csv.printRecord(arriving.psnNo(), "transfer_in", period.atDay(10), "5000.00", "320100");
                case 9 -> csv.printRecord(leaving.psnNo(), "transfer_out", period.atDay(18), "", "320100 南京市医疗保障局");
                case 10 -> csv.printRecord(dying.psnNo(), "death", period.atDay(8), "", "继承人 " + dying.name().charAt(0) + "某");
                default -> {
                    // No event this month.
                }
            }
        });
    }

    static boolean hasEvents(YearMonth period) {
        return period.getMonthValue() == 4 || period.getMonthValue() == 9 || period.getMonthValue() == 10;
    }

    private static String money(long fen) {
        return (fen / 100) + "." + String.format("%02d", fen % 100);
    }

    private interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private static void write(Path file, String[] header, Rows rows) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator("\n").get().print(writer)) {
                rows.print(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
