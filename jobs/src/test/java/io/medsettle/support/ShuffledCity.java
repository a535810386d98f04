package io.medsettle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small city whose members are admitted again and again, at several hospitals, over three months,
 * with costs that reach the annual cap and the assistance band: the shape in which the order of the
 * files matters to a naive intake. Every trial gets the same city under its own names and its own
 * year ({@code Q<trial>A}, member {@code Q<trial>M1}, year {@value #FIRST_YEAR} + trial, years no other test of the shared context uses), so that trials share one
 * database without touching each other's periods, and their figures compare after renaming.
 */
public final class ShuffledCity {

    public static final String[] INSTITUTIONS = {"A", "B", "C"};
    private static final int[] LEVELS = {3, 2, 1};
    private static final int MEMBERS = 6;
    private static final String[] TYPES = {"in_service", "in_service", "retired", "in_service", "retired", "flexible"};
    private static final int[] W = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private final int trial;
    private final int year;
    /** The first trial's year; far from the years other tests of the shared context settle. */
    public static final int FIRST_YEAR = 2080;

    /** The files by name, {@code <institution>-<yyyy-MM>.csv}, in a fixed order. */
    private final Map<String, String> files = new LinkedHashMap<>();

    public ShuffledCity(int trial) {
        this.trial = trial;
        this.year = FIRST_YEAR + trial;
        // The same draws in every trial: only names and the year differ.
        Random random = new Random(20260101L);
        Map<String, StringBuilder> bodies = new LinkedHashMap<>();
        for (String institution : INSTITUTIONS) {
            for (int month = 1; month <= 3; month++) {
                bodies.put(institution + "-" + YearMonth.of(year, month), new StringBuilder(DischargeFile.HEADER + "\n"));
            }
        }
        int sequence = 0;
        for (int m = 1; m <= MEMBERS; m++) {
            int admissions = 3 + random.nextInt(3);
            for (int a = 0; a < admissions; a++) {
                int month = 1 + random.nextInt(3);
                String institution = INSTITUTIONS[random.nextInt(INSTITUTIONS.length)];
                LocalDate end = LocalDate.of(year, month, 1 + random.nextInt(28));
                LocalDate begin = end.minusDays(1 + random.nextInt(10));
                long total = random.nextInt(5) == 0 ? 25_000 + random.nextInt(30_000) : 2_000 + random.nextInt(12_000);
                long ownPay = total * random.nextInt(6) / 100;
                long acct = random.nextInt(3) == 0 ? ownPay / 2 : 0;
                sequence++;
                bodies.get(institution + "-" + YearMonth.from(end)).append(row("S" + sequence, "T" + sequence,
                        member(m), code(institution), begin, end, 8 + a, total, ownPay, acct));
            }
        }
        // A long stay at B settled mid-way at the turn of January: two settlements, one stay, one deductible.
        bodies.get("B-" + YearMonth.of(year, 1)).append(row("S900", "T900", member(1), code("B"),
                LocalDate.of(year, 1, 20), LocalDate.of(year, 1, 31), 23, 18_000, 0, 0));
        bodies.get("B-" + YearMonth.of(year, 2)).append(row("S901", "T900", member(1), code("B"),
                LocalDate.of(year, 2, 1), LocalDate.of(year, 2, 6), 9, 9_000, 0, 0));
        bodies.forEach((name, body) -> files.put(name + ".csv", body.toString()));
    }

    private static String row(String setlId, String mdtrtId, String psnNo, String institution, LocalDate begin,
                              LocalDate end, int hour, long total, long ownPay, long acct) {
        return setlId + "," + mdtrtId + "," + psnNo + "," + institution + ",21," + begin + "," + end + "," + end + " "
                + String.format("%02d", hour % 24) + ":00:00," + total + ".00," + ownPay + ".00,"
                + (acct == 0 ? "" : acct + ".00") + ",,0,,\n";
    }

    public int year() {
        return year;
    }

    public String code(String institution) {
        return "Q" + trial + institution;
    }

    public String member(int m) {
        return "Q" + trial + "M" + m;
    }

    /** Undoes the trial's names (not its year: amounts may contain those digits), so that trials compare. */
    public String normalize(String text) {
        return text.replace("Q" + trial, "Q");
    }

    public List<String> fileNames() {
        return List.copyOf(files.keySet());
    }

    public String institutionOf(String fileName) {
        return code(fileName.substring(0, 1));
    }

    public YearMonth periodOf(String fileName) {
        return YearMonth.parse(fileName.substring(2, 9));
    }

    public Path writeFile(Path dir, String fileName) {
        return write(dir.resolve(fileName), files.get(fileName));
    }

    public Path writeInstitutions(Path file) {
        StringBuilder body = new StringBuilder("fixmedins_code,fixmedins_name,hosp_lv,inst_kind\n");
        for (int i = 0; i < INSTITUTIONS.length; i++) {
            body.append(code(INSTITUTIONS[i])).append(",试验医院").append(INSTITUTIONS[i]).append(',').append(LEVELS[i])
                    .append(",general\n");
        }
        return write(file, body.toString());
    }

    public Path writeMembers(Path file) {
        StringBuilder body = new StringBuilder("psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date\n");
        for (int m = 1; m <= MEMBERS; m++) {
            LocalDate birth = LocalDate.of(year - ("retired".equals(TYPES[m - 1]) ? 70 : 40) - m, m, m);
            body.append(member(m)).append(",成员").append(m).append(',').append(certNo(birth, trial * 10 + m)).append(',')
                    .append(m % 2 == 1 ? 1 : 2).append(',').append(birth).append(',').append(TYPES[m - 1]).append(',')
                    .append(LocalDate.of(year - 20, 1, 1)).append('\n');
        }
        return write(file, body.toString());
    }

    public Path writeApprovedAverages(Path file) {
        StringBuilder body = new StringBuilder("fixmedins_code,year,approved_avg\n");
        for (int i = 0; i < INSTITUTIONS.length; i++) {
            body.append(code(INSTITUTIONS[i])).append(',').append(year).append(',').append(new int[] {12000, 7000, 3500}[i])
                    .append(".00\n");
        }
        return write(file, body.toString());
    }

    /** GB 11643: region, birth date, a sequence of three digits and the check digit. */
    private static String certNo(LocalDate birth, int sequence) {
        String first = "320706" + birth.toString().replace("-", "") + String.format("%03d", sequence % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first.charAt(i) - '0') * W[i];
        }
        return first + "10X98765432".charAt(sum % 11);
    }

    private static Path write(Path file, String body) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seeded shuffle of the file names: the same seed, the same order. */
    public List<String> shuffled(long seed) {
        List<String> names = new ArrayList<>(fileNames());
        java.util.Collections.shuffle(names, new Random(seed));
        return names;
    }
}
