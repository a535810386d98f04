package io.medsettle.app;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's settings ({@code medsettle.*} in {@code config/application.yaml}).
 *
 * @param home     the installation root (set by the launcher)
 * @param profile  the city's policy profile, a file under {@code config/policies/}
 * @param timeZone the fund's time zone: dates of entries and runs are local dates there
 * @param policiesDir where the policy profiles are; default {@code <home>/config/policies}
 */
@ConfigurationProperties("medsettle")
public record MedsettleProperties(
        @DefaultValue(".") Path home,
        @DefaultValue("lianyungang-2000") String profile,
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        Path policiesDir) {

    public Path out() {
        return home.resolve("out");
    }

    public Path var() {
        return home.resolve("var");
    }

    public Path policies() {
        return policiesDir != null ? policiesDir : home.resolve("config").resolve("policies");
    }
}
