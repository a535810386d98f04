package io.medsettle.app;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells the migrations which role the application connects as, so that {@code afterMigrate.sql}
 * grants it what it needs and no more. The migrations run as the schema's owner when
 * {@code spring.flyway.user} names another role than {@code spring.datasource.username}; then the
 * placeholder {@value #APP_ROLE} is the application's role. With one role for both it is empty and
 * the grants are skipped: a role cannot be kept from what it owns.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationRoleConfiguration {

    static final String APP_ROLE = "app_role";

    @Bean
    FlywayConfigurationCustomizer applicationRolePlaceholder(FlywayProperties flyway, DataSourceProperties dataSource) {
        String owner = flyway.getUser();
        String application = dataSource.determineUsername();
        String role = owner == null || owner.isBlank() || owner.equals(application) ? "" : application;
        return configuration -> {
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            // A deployment that sets spring.flyway.placeholders.app_role itself keeps its choice.
            placeholders.putIfAbsent(APP_ROLE, role);
            configuration.placeholders(placeholders);
        };
    }
}
