package io.medsettle.app;

import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.jdbc.JdbcLedger;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The beans every feature shares: the fund's clock and the ledger on the application's database. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Clock clock(MedsettleProperties properties) {
        return Clock.system(properties.timeZone());
    }

    @Bean
    Ledger ledger(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        return new JdbcLedger(dataSource, transactionManager, clock);
    }
}
