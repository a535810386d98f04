package io.medsettle.accountbook;

import io.medsettle.accounts.InterestRates;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The interest rates loaded with {@code load interest-rates}, as the interest calculator reads them. */
@Repository
public class InterestRatesTable {

    private final JdbcClient jdbc;

    InterestRatesTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public InterestRates all() {
        return InterestRates.of(rows());
    }

    /** The rows as loaded, by effective date and kind (the statements list the ones a year used). */
    public java.util.List<InterestRates.Rate> rows() {
        return jdbc.sql("select effective_date, kind, annual_rate from interest_rate order by effective_date, kind")
                .query((rs, n) -> new InterestRates.Rate(rs.getObject(1, LocalDate.class),
                        InterestRates.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getBigDecimal(3)))
                .list();
    }
}
