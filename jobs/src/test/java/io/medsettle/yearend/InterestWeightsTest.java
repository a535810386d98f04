package io.medsettle.yearend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.accounts.InterestRates;
import io.medsettle.support.MedsettleSpringTest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code CASE} the set-based {@code daily_balance} multiplies each movement by: evaluated by
 * PostgreSQL for every day of a year, it must be the sum of the daily demand rates from that day to
 * 31 December, added up day by day here. A leap year, rates changing on 1 January, in the middle of
 * the year, on two days running and on 31 December itself, and a rate in force since an earlier year.
 */
class InterestWeightsTest extends MedsettleSpringTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theWeightOfEveryDayIsTheSumOfTheDailyRatesToTheEndOfTheYear() {
        assertWeights(2048, rates("2047-03-01", "0.0035", "2048-01-01", "0.003", "2048-05-20", "0.0025",
                "2048-05-21", "0.002125", "2048-12-31", "0.004"));
        assertWeights(2049, rates("2047-03-01", "0.0035"));
        assertWeights(2050, rates("2049-01-01", "0.0035", "2050-07-01", "0.000001"));
    }

    private void assertWeights(int year, InterestRates rates) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        Map<LocalDate, Long> expected = new TreeMap<>();
        long sum = 0;
        for (LocalDate day = last; !day.isBefore(first); day = day.minusDays(1)) {
            sum += rates.on(InterestRates.Kind.DEMAND, day).movePointRight(6).longValueExact();
            expected.put(day, sum);
        }
        String weight = YearInterest.weightOf("d", first, last, rates);
        Map<LocalDate, Long> computed = new TreeMap<>();
        jdbc.query("select d, " + weight + " from (select generate_series(?::date, ?::date, interval '1 day')::date as d) days",
                rs -> {
                    computed.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }, first, last);
        assertThat(computed).hasSize(first.lengthOfYear()).isEqualTo(expected);
    }

    private static InterestRates rates(String... dateAndRate) {
        List<InterestRates.Rate> rows = new ArrayList<>();
        for (int i = 0; i < dateAndRate.length; i += 2) {
            rows.add(new InterestRates.Rate(LocalDate.parse(dateAndRate[i]), InterestRates.Kind.DEMAND, new BigDecimal(dateAndRate[i + 1])));
            rows.add(new InterestRates.Rate(LocalDate.parse(dateAndRate[i]), InterestRates.Kind.TIME_3M, new BigDecimal(dateAndRate[i + 1])));
        }
        return InterestRates.of(rows);
    }
}
