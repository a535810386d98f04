package io.medsettle.demo;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "generate",
        mixinStandardHelpOptions = true,
        header = "Write a synthetic city's input files: institutions, members, averages, budgets, discharges.",
        description = {
                "%nThe same seed always gives the same files. Discharge files go to DIR/discharges/<code>/<yyyy-MM>.csv "
                        + "(one institution's files in GBK, as some hospitals' systems export them), with a few bad rows "
                        + "on purpose. With --rows, one file of that many rows for the first institution instead: the "
                        + "benchmark input.",
                ""})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the files.")
    Path dir;

    @Option(names = "--year", defaultValue = "2025", description = "The year of the discharges (default: ${DEFAULT-VALUE}).")
    int year;

    @Option(names = "--members", defaultValue = "20000", description = "Members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--institutions", defaultValue = "20", description = "Institutions (default: ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--months", defaultValue = "12", description = "Months of discharge files (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--rows", description = "Write one discharge file of this many rows instead of monthly files.")
    Integer rows;

    @Option(names = "--seed", defaultValue = "20260101", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (months < 1 || months > 12 || members < 1 || institutions < 3 || (rows != null && rows < 1)
                || year < 1990 || year > 2100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--months must be 1 to 12, --members and --rows at least 1, --institutions at least 3, --year 1990 to 2100");
        }
        DemoCity city = new DemoCity(new DemoCity.Settings(seed, institutions, members, year, 0.18, rows == null ? 0.002 : 0.001));
        city.writeInstitutions(dir.resolve("institutions.csv"));
        city.writeMembers(dir.resolve("members.csv"));
        city.writeApprovedAverages(dir.resolve("approved-averages.csv"));
        city.writeBudgets(dir.resolve("budgets.csv"), 9_000_000, 7);
        long written = 0;
        if (rows != null) {
            DemoCity.Institution first = city.institutions().get(0);
            Path file = dir.resolve("discharges").resolve(first.code()).resolve(year + "-01.csv");
            written = city.writeDischargeRows(file, first, YearMonth.of(year, 1), StandardCharsets.UTF_8, rows);
        } else {
            for (int month = 1; month <= months; month++) {
                for (DemoCity.Institution institution : city.institutions()) {
                    Charset charset = institution == city.institutions().get(1) ? Charset.forName("GBK") : StandardCharsets.UTF_8;
                    YearMonth period = YearMonth.of(year, month);
                    written += city.writeDischarges(dir.resolve("discharges").resolve(institution.code())
                            .resolve(period + ".csv"), institution, period, charset);
                }
            }
        }
        out.printf("wrote %d institutions, %d members and %d discharge rows under %s%n", institutions, members, written, dir);
        return 0;
    }
}
