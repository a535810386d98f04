package io.medsettle.yearend;

import io.medsettle.ledger.Money;
import io.medsettle.settlement.AverageProposal;
import io.medsettle.settlement.HoldbackRelease;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the year-end settles with the institutions, read and summed in the database from the year's
 * approved month-end runs (DOMAIN.md §3): what each held back per stream (its months' own lines and
 * the adjustment lines they settled) and left unpaid over budget, the year's surplus under the
 * control totals, the assessment scores, and the yearly costs behind the average proposals.
 */
@Repository
class YearFigures {

    /** An institution's year as the month-ends left it. */
    record InstitutionYear(String code, String name, HoldbackRelease.Held held, Money unpaid) {
    }

    private final JdbcClient jdbc;

    YearFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The months of the year without an approved month-end, in order. */
    List<YearMonth> openMonths(int year) {
        List<String> approved = jdbc.sql("select period from month_end_run where status = 'APPROVED' and period like ?")
                .param(year + "-%").query(String.class).list();
        return IntStream.rangeClosed(1, 12).mapToObj(m -> YearMonth.of(year, m))
                .filter(p -> !approved.contains(p.toString())).toList();
    }

    /** Every institution that held anything back or was left anything unpaid in the year, by code. */
    List<InstitutionYear> institutions(int year) {
        return jdbc.sql("""
                        select l.fixmedins_code,
                               coalesce((select i.fixmedins_name from institution i
                                          where i.fixmedins_code = l.fixmedins_code and i.valid_to is null),
                                        max(l.fixmedins_name)) as fixmedins_name,
                               sum(l.pooled_held_back + l.adj_pooled_held_back) as held_pooled,
                               sum(l.sup_held_back + l.adj_sup_held_back) as held_sup,
                               sum(l.acct_held_back + l.adj_acct_held_back) as held_acct,
                               sum(l.unpaid_over_budget) as unpaid
                          from month_end_line l
                          join month_end_run r on r.run_id = l.run_id and r.status = 'APPROVED'
                         where r.period like ?
                         group by l.fixmedins_code
                        having sum(l.pooled_held_back + l.adj_pooled_held_back + l.sup_held_back + l.adj_sup_held_back
                                   + l.acct_held_back + l.adj_acct_held_back) <> 0
                            or sum(l.unpaid_over_budget) <> 0
                         order by l.fixmedins_code""")
                .param(year + "-%")
                .query((rs, n) -> new InstitutionYear(rs.getString(1), rs.getString(2),
                        new HoldbackRelease.Held(Money.of(rs.getBigDecimal(3)), Money.of(rs.getBigDecimal(4)),
                                Money.of(rs.getBigDecimal(5))),
                        Money.of(rs.getBigDecimal(6))))
                .list();
    }

    /** The year's assessment scores, by institution. */
    Map<String, BigDecimal> scores(int year) {
        Map<String, BigDecimal> scores = new HashMap<>();
        jdbc.sql("select fixmedins_code, score from assessment_score where year = ?").param(year)
                .query(rs -> {
                    scores.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return scores;
    }

    /**
     * Σ over the year's months that had a control total of (control total − Σ allocated), as the
     * approved runs recorded them.
     */
    Money surplus(int year) {
        return Money.of(jdbc.sql("""
                        select coalesce(sum(r.control_total - (select coalesce(sum(l.allocated), 0) from month_end_line l
                                                                where l.run_id = r.run_id)), 0)
                          from month_end_run r
                         where r.status = 'APPROVED' and r.period like ? and r.control_total is not null""")
                .param(year + "-%").query(BigDecimal.class).single());
    }

    /**
     * Each institution's eligible settlements per year of the proposal's window (Y − 3 .. Y):
     * discharges (distinct stays, as in a month) and cost (Σ medfee_sumamt − Σ overcap_amt), at the
     * settlements' latest figures, cancelled ones and cancellations left out.
     */
    Map<String, List<AverageProposal.YearCost>> costs(int year) {
        Map<String, List<AverageProposal.YearCost>> byInstitution = new HashMap<>();
        jdbc.sql("""
                        select s.fixmedins_code, left(s.period, 4)::int as year, count(distinct s.mdtrt_id) as discharges,
                               sum(s.medfee_sumamt - s.overcap_amt) as cost
                          from current_settlement s
                         where s.period >= :from and s.period <= :through and s.eligible and not s.refd_setl_flag
                           and not exists (select 1 from settlement c where c.refd_setl_flag
                                              and c.fixmedins_code = s.fixmedins_code and c.init_setl_id = s.setl_id)
                         group by s.fixmedins_code, left(s.period, 4)
                         order by 1, 2""")
                .param("from", (year - AverageProposal.YEARS + 1) + "-01").param("through", year + "-12")
                .query(rs -> {
                    byInstitution.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new AverageProposal.YearCost(rs.getInt(2), rs.getLong(3), Money.of(rs.getBigDecimal(4))));
                });
        return byInstitution;
    }

    /** The current name of an institution (one with discharges but nothing held in the year). */
    Optional<String> name(String code) {
        return jdbc.sql("select fixmedins_name from institution where fixmedins_code = ? order by valid_from desc limit 1")
                .param(code).query(String.class).optional();
    }
}
