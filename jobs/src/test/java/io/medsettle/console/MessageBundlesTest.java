package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The console's message bundles (issue 12): every key the templates ({@code #{key}}) and the console's
 * controllers ({@code messages.text("key")}) use is in the Chinese and the English bundle, both bundles
 * have the same keys, both are UTF-8, and a text with arguments (which goes through MessageFormat)
 * has no single apostrophe, which MessageFormat would swallow with the text after it.
 */
class MessageBundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path CONSOLE = Path.of("src/main/java/io/medsettle/console");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    private static final Pattern CODE_KEY = Pattern.compile("messages\\.text\\(\"([^\"]+)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\\{[0-9]");
    private static final Pattern SINGLE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    private static final Path MIGRATIONS = Path.of("../sql/migrations");
    private static final Pattern STATUS_CHECK = Pattern.compile("check \\(status in \\(([^)]*)\\)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Test
    void everyKeyUsedIsInBothBundlesWhichHaveTheSameKeys() throws IOException {
        Map<String, String> chinese = bundle("messages.properties");
        Map<String, String> english = bundle("messages_en.properties");
        Set<String> used = new TreeSet<>();
        used.addAll(keys(RESOURCES.resolve("templates"), ".html", TEMPLATE_KEY));
        used.addAll(keys(CONSOLE, ".java", CODE_KEY));

        assertThat(used).as("keys found in the templates and the controllers").hasSizeGreaterThan(100)
                .contains("login.title", "period.preview", "month.busy", "progress.title", "files.noPeriod");
        assertThat(chinese.keySet()).as("the Chinese bundle").containsAll(used);
        assertThat(english.keySet()).as("the English bundle").containsAll(used);
        assertThat(english.keySet()).as("the English bundle's keys against the Chinese one's")
                .containsExactlyInAnyOrderElementsOf(chinese.keySet());
        assertThat(chinese.get("period.preview")).isEqualTo("预览 (preview: nothing posted)");
        assertThat(english.get("period.preview")).isEqualTo("Preview (nothing posted)");
    }

    /**
     * The pages show a file's and a run's status through a key made of it ({@code status.LOADED}), which
     * the search for keys above cannot see: every status the database lets those tables hold (their
     * check constraints, V5 and V6) has its text in both bundles.
     */
    @Test
    void everyStatusOfAFileOrARunHasItsTextInBothBundles() throws IOException {
        Set<String> statuses = new TreeSet<>();
        for (String migration : new String[] {"V5__intake.sql", "V6__month_end.sql"}) {
            Matcher check = STATUS_CHECK.matcher(Files.readString(MIGRATIONS.resolve(migration)));
            while (check.find()) {
                Matcher value = QUOTED.matcher(check.group(1));
                while (value.find()) {
                    statuses.add(value.group(1));
                }
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder("STAGING", "LOADED", "REJECTED", "DRAFT", "APPROVED");
        for (String name : new String[] {"messages.properties", "messages_en.properties"}) {
            Map<String, String> bundle = bundle(name);
            statuses.forEach(status -> assertThat(bundle).as(name).containsKey("status." + status));
        }
    }

    @Test
    void textsWithArgumentsWriteAnApostropheAsTwo() throws IOException {
        for (String name : new String[] {"messages.properties", "messages_en.properties"}) {
            bundle(name).forEach((key, text) -> {
                if (ARGUMENT.matcher(text).find()) {
                    assertThat(SINGLE_APOSTROPHE.matcher(text).find()).as(name + " " + key + ": " + text).isFalse();
                }
            });
        }
    }

    /** The bundle as Spring reads it (spring.messages.encoding UTF-8), failing on any byte that is not UTF-8. */
    private static Map<String, String> bundle(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(RESOURCES.resolve(name));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(name + " is not UTF-8", e);
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        }
        Map<String, String> bundle = new TreeMap<>();
        properties.forEach((key, value) -> bundle.put((String) key, (String) value));
        return bundle;
    }

    private static Set<String> keys(Path dir, String suffix, Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }
}
