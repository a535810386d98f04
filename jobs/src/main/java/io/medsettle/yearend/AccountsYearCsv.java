package io.medsettle.yearend;

import io.medsettle.ledger.Money;
import io.medsettle.reports.Column;
import io.medsettle.reports.CsvStatement;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code accounts-<yyyy>.csv} (formats.md, DOMAIN.md §4): every account with a balance at the start of
 * the year or a movement in it, summed in the database and streamed to the file, never all in memory.
 * Openings taken over during the year count as opening balance (money carried over from earlier years);
 * the interest is the year's closing interest and the year-end's own, which comes from the run (a
 * preview's is not posted yet); spending is net of refunds; paid out is transfers out and inheritance.
 */
final class AccountsYearCsv {

    static final List<Column> COLUMNS = List.of(Column.text("psn_no", "人员编号"),
            Column.money("opening_balance", "年初余额"), Column.money("allocated", "本年划入"), Column.money("spent", "本年支出"),
            Column.money("interest", "本年利息"), Column.money("transferred_in", "转入"), Column.money("paid_out", "转出及继承"),
            Column.money("closing_balance", "年末余额"));

    private static final String SQL = """
            with moved as (
                select m.psn_no,
                       coalesce(sum(m.amount) filter (where m.value_date < :first or m.kind = 'opening'), 0) as opening_balance,
                       coalesce(sum(m.amount) filter (where m.value_date >= :first and m.kind = 'allocation'), 0) as allocated,
                       coalesce(-sum(m.amount) filter (where m.value_date >= :first and m.kind in ('spending', 'refund')), 0) as spent,
                       coalesce(sum(m.amount) filter (where m.value_date >= :first and m.kind = 'interest'
                                                        and m.source not like 'year-end-interest:%'), 0) as interest,
                       coalesce(sum(m.amount) filter (where m.value_date >= :first and m.kind = 'transfer_in'), 0) as transferred_in,
                       coalesce(-sum(m.amount) filter (where m.value_date >= :first and m.kind = 'paid_out'), 0) as paid_out,
                       bool_or(m.value_date >= :first) as moved_in_year
                  from account_movement m
                 where m.value_date <= :last
                 group by m.psn_no
            )
            select m.psn_no, m.opening_balance, m.allocated, m.spent, m.interest + coalesce(i.interest, 0) as interest,
                   m.transferred_in, m.paid_out
              from moved m
              left join year_end_interest i on i.run_id = :run and i.psn_no = m.psn_no
             where m.opening_balance <> 0 or m.moved_in_year
             order by m.psn_no""";

    private AccountsYearCsv() {
    }

    /** Writes the file; returns how many accounts it lists. */
    static long write(DataSource dataSource, Path file, long runId, int year) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(10_000);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(template);
        var parameters = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("first", LocalDate.of(year, 1, 1)).addValue("last", LocalDate.of(year, 12, 31))
                .addValue("run", runId);
        long[] count = {0};
        try (CsvStatement csv = CsvStatement.create(file, COLUMNS)) {
            named.query(SQL, parameters, rs -> {
                Money opening = Money.of(rs.getBigDecimal(2));
                Money allocated = Money.of(rs.getBigDecimal(3));
                Money spent = Money.of(rs.getBigDecimal(4));
                Money interest = Money.of(rs.getBigDecimal(5));
                Money in = Money.of(rs.getBigDecimal(6));
                Money out = Money.of(rs.getBigDecimal(7));
                csv.row(rs.getString(1), opening, allocated, spent, interest, in, out,
                        opening.plus(allocated).minus(spent).plus(interest).plus(in).minus(out));
                count[0]++;
            });
        }
        return count[0];
    }
}
