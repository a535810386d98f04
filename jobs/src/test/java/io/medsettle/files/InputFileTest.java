package io.medsettle.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.Money;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text, Charset charset, boolean bom) throws IOException {
        Path file = dir.resolve(name);
        byte[] body = text.getBytes(charset);
        if (bom) {
            byte[] withBom = new byte[body.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withBom, 3, body.length);
            body = withBom;
        }
        Files.write(file, body);
        return file;
    }

    private static List<String> names(Path file) {
        List<String> names = new ArrayList<>();
        try (InputFile input = InputFile.open(file, List.of("psn_no", "psn_name"), List.of())) {
            input.forEach(row -> names.add(row.text("psn_no") + "=" + row.text("psn_name")));
        }
        return names;
    }

    @Test
    void readsUtf8WithAndWithoutBomAndGbk() throws IOException {
        String text = "psn_no,psn_name\nP1,王伟\nP2,李秀英\n";

        assertThat(names(write("plain.csv", text, StandardCharsets.UTF_8, false))).containsExactly("P1=王伟", "P2=李秀英");
        assertThat(names(write("bom.csv", text, StandardCharsets.UTF_8, true))).containsExactly("P1=王伟", "P2=李秀英");
        Path gbk = write("gbk.csv", text, Charset.forName("GBK"), false);
        assertThat(names(gbk)).containsExactly("P1=王伟", "P2=李秀英");
        assertThat(FileFingerprint.of(gbk).charset()).isEqualTo(FileFingerprint.GB18030);
        assertThat(FileFingerprint.of(write("utf.csv", text, StandardCharsets.UTF_8, true)))
                .satisfies(f -> assertThat(f.bom()).isTrue())
                .satisfies(f -> assertThat(f.sha256()).hasSize(64));
    }

    @Test
    void aFileThatIsNeitherEncodingIsRejectedWithAMessageThatSaysSo() throws IOException {
        Path file = dir.resolve("binary.csv");
        // 0x80 alone is not UTF-8, and 0xFF is no GB18030 lead byte.
        Files.write(file, new byte[] {'a', ',', 'b', '\n', (byte) 0x80, (byte) 0xFF, (byte) 0xFF, '\n'});

        assertThatThrownBy(() -> InputFile.open(file, List.of("a"), List.of()))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("neither UTF-8 nor GB18030/GBK")
                .satisfies(e -> assertThat(((FileRejectedException) e).problem().reasonZh()).contains("既不是UTF-8"));
    }

    @Test
    void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownOnesAreWarnings() throws IOException {
        Path file = write("h.csv", "PSN_NAME, Extra ,Psn_No\n王伟,x,P1\n", StandardCharsets.UTF_8, false);

        try (InputFile input = InputFile.open(file, List.of("psn_no", "psn_name"), List.of())) {
            assertThat(input.warnings()).singleElement().satisfies(w -> {
                assertThat(w.column()).isEqualTo("extra");
                assertThat(w.reasonEn()).isEqualTo("unknown column, ignored");
            });
            InputRow row = input.iterator().next();
            assertThat(row.text("psn_no")).isEqualTo("P1");
            assertThat(row.text("psn_name")).isEqualTo("王伟");
        }
    }

    @Test
    void aMissingRequiredColumnRejectsTheWholeFile() throws IOException {
        Path file = write("m.csv", "psn_no\nP1\n", StandardCharsets.UTF_8, false);

        assertThatThrownBy(() -> InputFile.open(file, List.of("psn_no", "psn_name", "brdy"), List.of()))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("lacks the required column(s) psn_name, brdy");
    }

    @Test
    void typedGettersRecordTheExactLineColumnValueAndReason() throws IOException {
        Path file = write("t.csv", """
                amt,opt,day,time,n,flag,kind
                12.5,,2026-02-28,2026-02-28 10:11:12,3,1,Local
                1.234,-1,2026-02-30,2026-02-28,x,2,mars
                """, StandardCharsets.UTF_8, false);
        List<String> all = List.of("amt", "opt", "day", "time", "n", "flag", "kind");

        try (InputFile input = InputFile.open(file, all, List.of())) {
            var rows = input.iterator();
            InputRow good = rows.next();
            assertThat(good.line()).isEqualTo(2);
            assertThat(good.money("amt")).isEqualTo(Money.of("12.50"));
            assertThat(good.optionalMoney("opt")).isEqualTo(Money.ZERO);
            assertThat(good.date("day")).isEqualTo(LocalDate.of(2026, 2, 28));
            assertThat(good.dateTime("time")).isEqualTo(LocalDateTime.of(2026, 2, 28, 10, 11, 12));
            assertThat(good.integer("n", 0, 9)).isEqualTo(3);
            assertThat(good.flag("flag")).isTrue();
            assertThat(good.code("kind", Set.of("local", "referral_out"))).isEqualTo("local");
            assertThat(good.hasProblems()).isFalse();

            InputRow bad = rows.next();
            assertThat(bad.money("amt")).isNull();
            assertThat(bad.optionalMoney("opt")).isNull();
            assertThat(bad.date("day")).isNull();
            assertThat(bad.dateTime("time")).isNull();
            assertThat(bad.integer("n", 0, 9)).isNull();
            bad.flag("flag");
            assertThat(bad.code("kind", Set.of("local"))).isNull();
            assertThat(bad.problems()).extracting(Problem::line, Problem::column, Problem::value, Problem::reasonEn)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3L, "amt", "1.234", "not an amount in yuan with at most 2 decimals and no thousands separators"),
                            org.assertj.core.groups.Tuple.tuple(3L, "opt", "-1", "amount must not be negative"),
                            org.assertj.core.groups.Tuple.tuple(3L, "day", "2026-02-30", "not a date in the form yyyy-MM-dd"),
                            org.assertj.core.groups.Tuple.tuple(3L, "time", "2026-02-28", "not a time in the form yyyy-MM-dd HH:mm:ss"),
                            org.assertj.core.groups.Tuple.tuple(3L, "n", "x", "not a whole number"),
                            org.assertj.core.groups.Tuple.tuple(3L, "flag", "2", "must be 0 or 1"),
                            org.assertj.core.groups.Tuple.tuple(3L, "kind", "mars", "must be one of local"));
            assertThat(bad.problems()).allSatisfy(p -> assertThat(p.reasonZh()).isNotBlank());
        }
    }

    @Test
    void quotedFieldsKeepCommasAndLineBreaksAndLineNumbersStayRight() throws IOException {
        Path file = write("q.csv", "psn_no,psn_name\nP1,\"王,伟\"\nP2,\"two\nlines\"\n\nP3,last", StandardCharsets.UTF_8, false);

        List<String> seen = new ArrayList<>();
        try (InputFile input = InputFile.open(file, List.of("psn_no", "psn_name"), List.of())) {
            input.forEach(row -> seen.add(row.line() + ":" + row.text("psn_no") + ":" + row.text("psn_name")));
        }

        assertThat(seen).containsExactly("2:P1:王,伟", "3:P2:two\nlines", "6:P3:last");
    }
}
