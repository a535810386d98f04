package io.medsettle.monthend;

import io.medsettle.ledger.Money;
import io.medsettle.settlement.InstitutionMonth;

import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each institution's figures for a period, summed in the database over its settlements.
 *
 * <p>What counts in period P: the eligible settlements of P that no cancellation has cancelled by
 * now, and, as negative adjustment lines, the settlements of an approved (closed) earlier period
 * whose cancellation arrived after that period was approved: a closed period never changes, so
 * the correction is settled in the next open one. Every institution appears, with zeros where it
 * had nothing (a pharmacy, a quiet month).
 */
@Repository
class PeriodFigures {

    private static final String SETTLEMENT_COLUMNS =
            "s.fixmedins_code, s.setl_id, s.mdtrt_id, s.eligible, s.preselfpay_amt, s.inscp_scp_amt, s.hifp_pay, "
                    + "s.overcap_amt, s.hifob_pay, s.acct_pay";

    private final JdbcClient jdbc;

    PeriodFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A cancellation settled in this period against a settlement of a closed one. */
    record Adjustment(String institution, String cancellationSetlId, String originalSetlId, YearMonth originalPeriod,
                      Money fundPay) {
    }

    List<InstitutionMonth> of(YearMonth period) {
        String p = period.toString();
        return jdbc.sql("""
                        with counted as (
                            select %1$s, 1 as sign
                              from settlement s
                             where s.period = :period and not s.refd_setl_flag
                               and not exists (select 1 from settlement c
                                                where c.refd_setl_flag and c.fixmedins_code = s.fixmedins_code
                                                  and c.init_setl_id = s.setl_id)
                            union all
                            select %1$s, -1 as sign
                              from settlement c
                              join intake_file cf on cf.file_id = c.file_id
                              join settlement s on s.fixmedins_code = c.fixmedins_code and s.setl_id = c.init_setl_id
                              join month_end_run r on r.period = s.period and r.status = 'APPROVED'
                             where c.refd_setl_flag and c.period = :period and s.period <> :period
                               and cf.finished_at > r.approved_at
                        ), per_institution as (
                            select fixmedins_code,
                                   count(distinct mdtrt_id) filter (where eligible and sign = 1)
                                     - count(distinct mdtrt_id) filter (where eligible and sign = -1) as discharges,
                                   coalesce(sum(sign * (preselfpay_amt + inscp_scp_amt - hifp_pay - overcap_amt))
                                            filter (where eligible), 0) as member_selfpay,
                                   coalesce(sum(sign * hifp_pay), 0) as actual_fund_pay,
                                   coalesce(sum(sign * hifob_pay), 0) as sup_actual,
                                   coalesce(sum(sign * acct_pay), 0) as acct_pay
                              from counted group by fixmedins_code
                        ), account_payments as (
                            select fixmedins_code, sum(acct_pay) as acct_pay
                              from account_payment where period = :period group by fixmedins_code
                        )
                        select i.fixmedins_code, i.fixmedins_name,
                               coalesce(f.discharges, 0) as discharges,
                               coalesce(a.approved_avg, 0) as approved_avg,
                               coalesce(f.member_selfpay, 0) as member_selfpay,
                               coalesce(f.actual_fund_pay, 0) as actual_fund_pay,
                               coalesce(f.sup_actual, 0) as sup_actual,
                               coalesce(f.acct_pay, 0) + coalesce(ap.acct_pay, 0) as acct_settled
                          from institution i
                          left join per_institution f on f.fixmedins_code = i.fixmedins_code
                          left join account_payments ap on ap.fixmedins_code = i.fixmedins_code
                          left join approved_average a on a.fixmedins_code = i.fixmedins_code and a.year = :year
                         where i.valid_from <= :lastDay and (i.valid_to is null or i.valid_to > :lastDay)
                         order by i.fixmedins_code""".formatted(SETTLEMENT_COLUMNS))
                .param("period", p)
                .param("year", period.getYear())
                .param("lastDay", period.atEndOfMonth())
                .query((rs, n) -> new InstitutionMonth(rs.getString("fixmedins_code"), rs.getString("fixmedins_name"),
                        rs.getLong("discharges"), Money.of(rs.getBigDecimal("approved_avg")),
                        Money.of(rs.getBigDecimal("member_selfpay")), Money.of(rs.getBigDecimal("actual_fund_pay")),
                        Money.of(rs.getBigDecimal("sup_actual")), Money.of(rs.getBigDecimal("acct_settled"))))
                .list();
    }

    /** The adjustment lines of the period, for the statements: each names the original settlement. */
    List<Adjustment> adjustments(YearMonth period) {
        return jdbc.sql("""
                        select c.fixmedins_code, c.setl_id, s.setl_id as original, s.period, s.hifp_pay
                          from settlement c
                          join intake_file cf on cf.file_id = c.file_id
                          join settlement s on s.fixmedins_code = c.fixmedins_code and s.setl_id = c.init_setl_id
                          join month_end_run r on r.period = s.period and r.status = 'APPROVED'
                         where c.refd_setl_flag and c.period = ? and s.period <> ? and cf.finished_at > r.approved_at
                         order by c.fixmedins_code, c.setl_id""")
                .params(period.toString(), period.toString())
                .query((rs, n) -> new Adjustment(rs.getString(1), rs.getString(2), rs.getString(3),
                        YearMonth.parse(rs.getString(4)), Money.of(rs.getBigDecimal(5)).negate()))
                .list();
    }
}
