package io.medsettle.support;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test's reference data, written as the agency's files and loaded with the real loader:
 *
 * <pre>{@code
 * ReferenceFiles.in(dir)
 *         .institutions("HRA,甲医院,2,general")
 *         .members("PR1,王伟,320706198001011236,1,1980-01-01,in_service,2010-01-01")
 *         .averages("HRA,2032,10000.00")
 *         .load(referenceData, LocalDate.of(2030, 1, 1));
 * }</pre>
 */
public final class ReferenceFiles {

    private final Path dir;
    private final Map<ReferenceKind, String> files = new LinkedHashMap<>();

    private ReferenceFiles(Path dir) {
        this.dir = dir;
    }

    public static ReferenceFiles in(Path dir) {
        return new ReferenceFiles(dir);
    }

    /** Rows of {@code fixmedins_code,fixmedins_name,hosp_lv,inst_kind}. */
    public ReferenceFiles institutions(String... rows) {
        return file(ReferenceKind.INSTITUTIONS, "fixmedins_code,fixmedins_name,hosp_lv,inst_kind", rows);
    }

    /** Rows of {@code fixmedins_code,fixmedins_name,hosp_lv,inst_kind,bank_name,bank_account}. */
    public ReferenceFiles institutionsWithBanks(String... rows) {
        return file(ReferenceKind.INSTITUTIONS, "fixmedins_code,fixmedins_name,hosp_lv,inst_kind,bank_name,bank_account", rows);
    }

    /** Rows of {@code psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date}. */
    public ReferenceFiles members(String... rows) {
        return file(ReferenceKind.MEMBERS, "psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date", rows);
    }

    /** Rows of {@code fixmedins_code,year,approved_avg}. */
    public ReferenceFiles averages(String... rows) {
        return file(ReferenceKind.APPROVED_AVERAGES, "fixmedins_code,year,approved_avg", rows);
    }

    private ReferenceFiles file(ReferenceKind kind, String header, String... rows) {
        files.put(kind, header + "\n" + String.join("\n", rows) + "\n");
        return this;
    }

    /** Writes the files and loads them, institutions first, effective on {@code day}. */
    public void load(ReferenceFileLoader loader, LocalDate day) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<ReferenceKind, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey().id() + ".csv");
                Files.writeString(path, file.getValue());
                loader.load(file.getKey(), path, day);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
