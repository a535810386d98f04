package io.medsettle.app;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What stays eager when a command's context is lazy ({@link Application#start}: every command but
 * {@code serve}).
 *
 * <p>The migrations: lazily, Flyway would run only when the first bean that Spring Boot knows to
 * depend on the schema (a {@code JdbcTemplate}, the batch job repository) is made, and a command
 * that reaches the database through the {@code DataSource} alone, such as {@code load} with its
 * {@code COPY}, would meet an old schema. Every start applies them first, as before.
 */
@Configuration(proxyBeanMethods = false)
class LazyCommandsConfiguration {

    /** Static: read by a bean factory post-processor, before this configuration's own instance exists. */
    @Bean
    static LazyInitializationExcludeFilter migrationsFirst() {
        return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
    }
}
