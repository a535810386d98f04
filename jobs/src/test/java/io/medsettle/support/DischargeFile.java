package io.medsettle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A discharge file written as a hospital's system would, for tests that work figures by hand.
 *
 * <pre>{@code
 * DischargeFile.of("HRA")
 *         .row("R1", "M1", "P1", "2026-01-03", "2026-01-10", "30000")
 *         .cancellation("C1", "M1", "P1", "2026-02-01", "2026-02-03", "R1")
 *         .write(dir.resolve("hra-2026-01.csv"));
 * }</pre>
 */
public final class DischargeFile {

    public static final String HEADER = "setl_id,mdtrt_id,psn_no,fixmedins_code,med_type,begndate,enddate,setl_time,"
            + "medfee_sumamt,fulamt_ownpay_amt,acct_pay,psn_part_amt,refd_setl_flag,init_setl_id,dise_codg";

    private final String institution;
    private final List<String> rows = new ArrayList<>();

    private DischargeFile(String institution) {
        this.institution = institution;
    }

    public static DischargeFile of(String institution) {
        return new DischargeFile(institution);
    }

    /** An ordinary inpatient settlement: total cost all in scope, settled at 10:00 on the discharge day. */
    public DischargeFile row(String setlId, String mdtrtId, String psnNo, String begin, String end, String total) {
        return row(setlId, mdtrtId, psnNo, begin, end, total, "");
    }

    /** The same, with an individual-account payment as the hospital reports it. */
    public DischargeFile row(String setlId, String mdtrtId, String psnNo, String begin, String end, String total,
                             String acctPay) {
        return raw(setlId + "," + mdtrtId + "," + psnNo + "," + institution + ",21," + begin + "," + end + "," + end
                + " 10:00:00," + total + ",0," + acctPay + ",,0,,");
    }

    /** A row cancelling the settlement {@code original} (refd_setl_flag 1), settled on {@code end}. */
    public DischargeFile cancellation(String setlId, String mdtrtId, String psnNo, String begin, String end,
                                      String original) {
        return raw(setlId + "," + mdtrtId + "," + psnNo + "," + institution + ",21," + begin + "," + end + "," + end
                + " 16:00:00,0,0,,,1," + original + ",");
    }

    /** A line exactly as given (for rows that are wrong on purpose). */
    public DischargeFile raw(String line) {
        rows.add(line);
        return this;
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A day as text, for rows built in loops. */
    public static String day(LocalDate date) {
        return date.toString();
    }
}
