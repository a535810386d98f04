package io.medsettle;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot application behind the commands: batch jobs, the ledger, the schedule.
 *
 * <p>It is never started on its own; {@link io.medsettle.app.Application#start} starts it for a
 * command once the command line has been parsed and the database chosen.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MedsettleApplication {
}
