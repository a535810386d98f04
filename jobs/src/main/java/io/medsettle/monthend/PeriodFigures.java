package io.medsettle.monthend;

import io.medsettle.ledger.Money;
import io.medsettle.settlement.AdjustmentLine;
import io.medsettle.settlement.InstitutionMonth;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a month-end run settles, decided and summed in the database.
 *
 * <p>{@link #settle} records the run's lines ({@code settled_line}): every settlement of the
 * period at its latest figures ('regular'), and every settlement of an earlier, closed period whose
 * standing changed since it was last settled: a late file's rows never settled before ('late'), a
 * revision after re-adjudication ('revision'), a cancellation ('cancellation'). Which settlements
 * may have changed comes from the change log ({@code settlement_change}) after the last change an
 * approved run considered; whether one did is decided by comparing its revision and whether it still
 * counts with the line that last settled it. No timestamps are compared.
 *
 * <p>{@link #of} then sums each institution's figures: the period's own eligible settlements that no
 * cancellation has cancelled (DOMAIN.md §2), its account payments, and what it still owed after
 * earlier runs (a debit balance on its payable); {@link #adjustments} gives each adjustment line
 * with its signed differences. An institution appears when it has any of these.
 */
@Repository
class PeriodFigures {

    private final JdbcClient jdbc;

    PeriodFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The last change an approved run considered, the last change there is, and the last movement
     * of the members' accounts there is (the run's marks).
     */
    record Changes(long after, long through, long movementsThrough) {
    }

    Changes changes() {
        long after = jdbc.sql("select coalesce(max(changes_through), 0) from month_end_run where status = 'APPROVED'")
                .query(Long.class).single();
        long through = jdbc.sql("select coalesce(max(change_id), 0) from settlement_change").query(Long.class).single();
        long movements = jdbc.sql("select coalesce(max(movement_id), 0) from account_movement").query(Long.class).single();
        return new Changes(after, through, movements);
    }

    /** Records the run's lines; returns how many settlements it settles. */
    long settle(long runId, YearMonth period, Changes changes) {
        long regular = jdbc.sql("""
                        insert into settled_line (run_id, fixmedins_code, setl_id, revision, counted, kind)
                        select :run, s.fixmedins_code, s.setl_id, s.revision,
                               not exists (select 1 from settlement c where c.refd_setl_flag
                                              and c.fixmedins_code = s.fixmedins_code and c.init_setl_id = s.setl_id),
                               'regular'
                          from current_settlement s
                         where s.period = :period and not s.refd_setl_flag""")
                .param("run", runId).param("period", period.toString()).update();
        long adjusted = jdbc.sql("""
                        insert into settled_line (run_id, fixmedins_code, setl_id, revision, counted, kind, replaces_run_id)
                        select :run, c.fixmedins_code, c.setl_id, c.revision, c.counted,
                               case when last.run_id is null then 'late'
                                    when not c.counted then 'cancellation' else 'revision' end,
                               last.run_id
                          from (select distinct s.fixmedins_code, s.setl_id, s.revision,
                                       not exists (select 1 from settlement x where x.refd_setl_flag
                                                      and x.fixmedins_code = s.fixmedins_code
                                                      and x.init_setl_id = s.setl_id) as counted
                                  from settlement_change ch
                                  join current_settlement s on s.fixmedins_code = ch.fixmedins_code
                                                           and s.setl_id = ch.setl_id
                                 where ch.change_id > :after and ch.change_id <= :through
                                   and not s.refd_setl_flag and s.period <> :period
                                   and exists (select 1 from month_end_run r
                                                where r.period = s.period and r.status = 'APPROVED')) c
                          left join lateral (
                                select l.run_id, l.revision, l.counted
                                  from settled_line l
                                  join month_end_run r on r.run_id = l.run_id and r.status = 'APPROVED'
                                 where l.fixmedins_code = c.fixmedins_code and l.setl_id = c.setl_id
                                 order by l.run_id desc limit 1) last on true
                         where (last.run_id is null and c.counted)
                            or (last.run_id is not null
                                and (last.counted <> c.counted or (c.counted and last.revision <> c.revision)))""")
                .param("run", runId).param("period", period.toString())
                .param("after", changes.after()).param("through", changes.through()).update();
        return regular + adjusted;
    }

    /**
     * The run's adjustment lines with what each adds or takes back: a settlement counts when it is
     * not cancelled and is eligible; its figures now are those of the line's revision, before those of
     * the line it replaces. A stay settled in several settlements counts one discharge, as in a month
     * of its own: only the first of its lines moving the same way counts.
     */
    private static final String ADJUSTMENTS = """
            with lines as (
                select l.fixmedins_code, l.setl_id, l.kind, l.revision, s.mdtrt_id, s.benefit_year, s.period,
                       (select c.setl_id from settlement c where c.refd_setl_flag and c.fixmedins_code = l.fixmedins_code
                                                           and c.init_setl_id = l.setl_id) as cancelled_by,
                       pr.period as settled_before,
                       case when l.counted and f.eligible then 1 else 0 end as now_in,
                       case when coalesce(pl.counted and p.eligible, false) then 1 else 0 end as before_in,
                       f.preselfpay_amt + f.inscp_scp_amt - f.hifp_pay - f.overcap_amt as now_selfpay,
                       f.hifp_pay as now_fund, f.hifob_pay as now_sup,
                       coalesce(p.preselfpay_amt + p.inscp_scp_amt - p.hifp_pay - p.overcap_amt, 0) as before_selfpay,
                       coalesce(p.hifp_pay, 0) as before_fund, coalesce(p.hifob_pay, 0) as before_sup,
                       -- The account stream is what was debited (DOMAIN.md §4), from the sub-ledger: the
                       -- settlement's movements since the run that settled it before took its own.
                       coalesce((select -sum(m.amount) from account_movement m
                                  where m.fixmedins_code = l.fixmedins_code and m.setl_id = l.setl_id
                                    and m.movement_id > coalesce(pr.movements_through, 0)
                                    and m.movement_id <= r.movements_through), 0) as acct
                  from settled_line l
                  join settlement s on s.fixmedins_code = l.fixmedins_code and s.setl_id = l.setl_id
                  join settlement_figures f on f.fixmedins_code = l.fixmedins_code and f.setl_id = l.setl_id
                                           and f.revision = l.revision
                  left join settled_line pl on pl.fixmedins_code = l.fixmedins_code and pl.setl_id = l.setl_id
                                           and pl.run_id = l.replaces_run_id
                  left join settlement_figures p on p.fixmedins_code = l.fixmedins_code and p.setl_id = l.setl_id
                                                and p.revision = pl.revision
                  left join month_end_run pr on pr.run_id = l.replaces_run_id
                  join month_end_run r on r.run_id = l.run_id
                 where l.run_id = :run and l.kind <> 'regular'
            ), counted as (
                select lines.*, now_in - before_in as moved,
                       row_number() over (partition by fixmedins_code, mdtrt_id, sign(now_in - before_in)
                                          order by setl_id) as nth
                  from lines
            )
            select c.*, case when c.moved <> 0 and c.nth = 1 then c.moved else 0 end as discharges,
                   coalesce(a.approved_avg, 0) as approved_avg
              from counted c
              left join approved_average a on a.fixmedins_code = c.fixmedins_code and a.year = c.benefit_year
             order by c.fixmedins_code, c.period, c.setl_id""";

    List<InstitutionMonth> of(YearMonth period, long runId) {
        return jdbc.sql("""
                        with regular as (
                            select s.fixmedins_code, count(distinct s.mdtrt_id) as discharges,
                                   sum(s.preselfpay_amt + s.inscp_scp_amt - s.hifp_pay - s.overcap_amt) as member_selfpay,
                                   sum(s.hifp_pay) as actual_fund_pay, sum(s.hifob_pay) as sup_actual
                              from current_settlement s
                             where s.period = :period and not s.refd_setl_flag and s.eligible
                               and not exists (select 1 from settlement c where c.refd_setl_flag
                                                  and c.fixmedins_code = s.fixmedins_code and c.init_setl_id = s.setl_id)
                             group by s.fixmedins_code
                        ), adjusted as (
                            select distinct fixmedins_code from settled_line where run_id = :run and kind <> 'regular'
                        ), account_stream as (
                            -- What members' accounts paid the institution for the month, as debited and
                            -- refunded in the sub-ledger (DOMAIN.md §4: only what was debited counts):
                            -- the month's discharges and its account payments, up to the run's mark.
                            select m.fixmedins_code, -sum(m.amount) as acct_pay
                              from account_movement m
                             where m.settlement_period = :period
                               and m.movement_id <= (select movements_through from month_end_run where run_id = :run)
                             group by m.fixmedins_code
                        ), owed as (
                            -- A debit balance on an institution's payable is what it owes (postings are signed,
                            -- debits positive).
                            select substr(p.account_code, 6) as fixmedins_code, sum(p.amount) as balance
                              from posting p where p.account_code like '2202.%'
                             group by p.account_code having sum(p.amount) > 0
                        )
                        select i.fixmedins_code, i.fixmedins_name,
                               coalesce(r.discharges, 0) as discharges,
                               coalesce(a.approved_avg, 0) as approved_avg,
                               coalesce(r.member_selfpay, 0) as member_selfpay,
                               coalesce(r.actual_fund_pay, 0) as actual_fund_pay,
                               coalesce(r.sup_actual, 0) as sup_actual,
                               coalesce(ap.acct_pay, 0) as acct_settled,
                               coalesce(o.balance, 0) as owed
                          from institution i
                          left join regular r on r.fixmedins_code = i.fixmedins_code
                          left join account_stream ap on ap.fixmedins_code = i.fixmedins_code
                          left join adjusted j on j.fixmedins_code = i.fixmedins_code
                          left join owed o on o.fixmedins_code = i.fixmedins_code
                          left join approved_average a on a.fixmedins_code = i.fixmedins_code and a.year = :year
                         where i.valid_from <= :lastDay and (i.valid_to is null or i.valid_to > :lastDay)
                           and (r.discharges > 0 or ap.fixmedins_code is not null or j.fixmedins_code is not null
                                or o.balance > 0)
                         order by i.fixmedins_code""")
                .param("period", period.toString())
                .param("year", period.getYear())
                .param("lastDay", period.atEndOfMonth())
                .param("run", runId)
                .query((rs, n) -> new InstitutionMonth(rs.getString("fixmedins_code"), rs.getString("fixmedins_name"),
                        rs.getLong("discharges"), money(rs, "approved_avg"), money(rs, "member_selfpay"),
                        money(rs, "actual_fund_pay"), money(rs, "sup_actual"), money(rs, "acct_settled"),
                        money(rs, "owed")))
                .list();
    }

    /** The run's adjustment lines, by institution, original period and settlement. */
    List<AdjustmentLine> adjustments(long runId) {
        return jdbc.sql(ADJUSTMENTS)
                .param("run", runId)
                .query((rs, n) -> {
                    int nowIn = rs.getInt("now_in");
                    int beforeIn = rs.getInt("before_in");
                    long discharges = rs.getLong("discharges");
                    return new AdjustmentLine(rs.getString("fixmedins_code"), rs.getString("setl_id"),
                            YearMonth.parse(rs.getString("period")),
                            AdjustmentLine.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                            rs.getInt("revision"), Optional.ofNullable(rs.getString("cancelled_by")),
                            Optional.ofNullable(rs.getString("settled_before")).map(YearMonth::parse), discharges,
                            Money.of(rs.getBigDecimal("approved_avg").multiply(BigDecimal.valueOf(discharges))),
                            delta(rs, "selfpay", nowIn, beforeIn), delta(rs, "fund", nowIn, beforeIn),
                            delta(rs, "sup", nowIn, beforeIn), Money.of(rs.getBigDecimal("acct")));
                })
                .list();
    }

    private static Money delta(ResultSet rs, String figure, int nowIn, int beforeIn) throws SQLException {
        BigDecimal now = rs.getBigDecimal("now_" + figure).multiply(BigDecimal.valueOf(nowIn));
        BigDecimal before = rs.getBigDecimal("before_" + figure).multiply(BigDecimal.valueOf(beforeIn));
        return Money.of(now.subtract(before));
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }
}
