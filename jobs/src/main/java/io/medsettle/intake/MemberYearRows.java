package io.medsettle.intake;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberCategory;
import io.medsettle.adjudication.ReportedFigures;
import io.medsettle.adjudication.Settlement;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of one member's benefit year, as the adjudication step reads them: first the year's
 * settlements already loaded (their figures rebuild the year's accumulators), then the file's new
 * rows in DOMAIN.md's order.
 */
record MemberYearRows(String psnNo, int year, Member member, List<Earlier> earlier, List<New> rows) {

    record Earlier(Settlement settlement, Adjudication figures) {
    }

    record New(long line, Settlement settlement, Institution institution) {
    }

    /**
     * One ordered query for the whole file. Earlier rows are the member's loaded settlements of the
     * same benefit year, and those of the same stay in another year (a mid-way settlement across
     * the year end shares one deductible). The file's rows are read straight from the staging
     * table (a CTE would copy a million rows aside first), and the identifiers sort in the "C"
     * collation: code-point order, as {@link io.medsettle.adjudication.Settlement#PROCESSING_ORDER}
     * compares them in Java, whatever the database's collation, and several times faster to sort.
     * The file id is both of the query's parameters.
     */
    static final String QUERY = """
            with staged as (
                select d.psn_no, d.mdtrt_id, extract(year from d.enddate)::int as grp_year
                  from discharge_staging d where d.file_id = ? and not d.rejected
            ), grp as (
                select distinct psn_no, grp_year from staged
            ), earlier as (
                select g.grp_year, s.* from settlement s join grp g on g.psn_no = s.psn_no and g.grp_year = s.benefit_year
                union
                select st.grp_year, s.* from settlement s
                  join (select distinct psn_no, mdtrt_id, grp_year from staged) st
                    on st.psn_no = s.psn_no and st.mdtrt_id = s.mdtrt_id and s.benefit_year <> st.grp_year
            )
            select * from (
            select 'E' as src, e.grp_year, e.psn_no, 0 as line_no, e.setl_id, e.mdtrt_id, e.fixmedins_code, e.begndate,
                   e.enddate, e.setl_time, e.medfee_sumamt, e.fulamt_ownpay_amt, e.overlmt_selfpay, e.clab_amt,
                   e.nego_antitumor_amt, e.implant_dom_amt, e.implant_jv_amt, e.implant_imp_amt, e.lrg_equip_amt,
                   e.transplant_amt, e.chemo_flag, e.offsite_type, e.refd_setl_flag, e.init_setl_id,
                   e.rpt_preselfpay_amt, e.rpt_inscp_scp_amt, e.rpt_act_pay_dedc, e.rpt_hifp_pay, e.rpt_hifob_pay,
                   e.rpt_fund_pay_sumamt, e.rpt_psn_part_amt, e.rpt_acct_pay, e.rpt_psn_cash_pay,
                   e.eligible, e.reason, e.preselfpay_amt, e.inscp_scp_amt, e.act_pay_dedc, e.hifp_pay, e.overcap_amt,
                   e.hifob_pay, e.psn_part_amt, e.acct_pay,
                   null::varchar as psn_type, null::date as brdy, null::date as insu_begn_date,
                   null::smallint as extra_contrib_years, null::smallint as hosp_lv, null::varchar as inst_kind,
                   null::varchar as tier
              from earlier e
            union all
            select 'N', s.grp_year, s.psn_no, s.line_no, s.setl_id, s.mdtrt_id, s.fixmedins_code, s.begndate, s.enddate,
                   s.setl_time, s.medfee_sumamt, s.fulamt_ownpay_amt, s.overlmt_selfpay, s.clab_amt,
                   s.nego_antitumor_amt, s.implant_dom_amt, s.implant_jv_amt, s.implant_imp_amt, s.lrg_equip_amt,
                   s.transplant_amt, s.chemo_flag, s.offsite_type, s.refd_setl_flag, s.init_setl_id,
                   s.rpt_preselfpay_amt, s.rpt_inscp_scp_amt, s.rpt_act_pay_dedc, s.rpt_hifp_pay, s.rpt_hifob_pay,
                   s.rpt_fund_pay_sumamt, s.rpt_psn_part_amt, s.rpt_acct_pay, s.rpt_psn_cash_pay,
                   null, null, null, null, null, null, null, null, null, null,
                   m.psn_type, m.brdy, m.insu_begn_date, m.extra_contrib_years, i.hosp_lv, i.inst_kind, i.tier
              from (select d.*, extract(year from d.enddate)::int as grp_year
                      from discharge_staging d where d.file_id = ? and not d.rejected) s
              left join member m on m.psn_no = s.psn_no and m.valid_from <= s.begndate
                   and (m.valid_to is null or m.valid_to > s.begndate)
              left join institution i on i.fixmedins_code = s.fixmedins_code and i.valid_from <= s.enddate
                   and (i.valid_to is null or i.valid_to > s.enddate)
            ) u
            order by psn_no collate "C", grp_year, src, enddate, setl_time, fixmedins_code collate "C",
                     setl_id collate "C\"""";

    /** One row of {@link #QUERY}. */
    record Row(boolean earlier, int year, String psnNo, long line, Settlement settlement, Adjudication figures,
               Member member, Institution institution) {

        static Row map(ResultSet rs, int n) throws SQLException {
            boolean earlier = "E".equals(rs.getString("src"));
            Map<String, Money> classes = new HashMap<>();
            for (String column : DischargeColumns.FEE_CLASSES) {
                Money amount = money(rs, column);
                if (!amount.isZero()) {
                    classes.put(column, amount);
                }
            }
            Settlement settlement = new Settlement(rs.getString("setl_id"), rs.getString("mdtrt_id"),
                    rs.getString("psn_no"), rs.getString("fixmedins_code"), rs.getObject("begndate", java.time.LocalDate.class),
                    rs.getObject("enddate", java.time.LocalDate.class),
                    rs.getObject("setl_time", java.time.LocalDateTime.class), money(rs, "medfee_sumamt"),
                    money(rs, "fulamt_ownpay_amt"), money(rs, "overlmt_selfpay"), classes, rs.getBoolean("chemo_flag"),
                    rs.getString("offsite_type"),
                    rs.getBoolean("refd_setl_flag") ? Optional.ofNullable(rs.getString("init_setl_id")) : Optional.empty(),
                    new ReportedFigures(reported(rs, "rpt_preselfpay_amt"), reported(rs, "rpt_inscp_scp_amt"),
                            reported(rs, "rpt_act_pay_dedc"), reported(rs, "rpt_hifp_pay"), reported(rs, "rpt_hifob_pay"),
                            reported(rs, "rpt_fund_pay_sumamt"), reported(rs, "rpt_psn_part_amt"),
                            reported(rs, "rpt_acct_pay"), reported(rs, "rpt_psn_cash_pay")));
            Adjudication figures = null;
            Member member = null;
            Institution institution = null;
            if (earlier) {
                String reason = rs.getString("reason");
                figures = new Adjudication(settlement.setlId(), settlement.institutionCode(), settlement.psnNo(),
                        rs.getBoolean("eligible"), reason == null ? "" : reason, money(rs, "preselfpay_amt"),
                        money(rs, "inscp_scp_amt"), money(rs, "act_pay_dedc"), money(rs, "hifp_pay"),
                        money(rs, "overcap_amt"), money(rs, "hifob_pay"), money(rs, "psn_part_amt"),
                        money(rs, "acct_pay"), List.of());
            } else {
                if (rs.getString("psn_type") != null) {
                    member = new Member(settlement.psnNo(), MemberCategory.of(rs.getString("psn_type")),
                            rs.getObject("brdy", java.time.LocalDate.class),
                            rs.getObject("insu_begn_date", java.time.LocalDate.class), rs.getInt("extra_contrib_years"));
                }
                institution = new Institution(settlement.institutionCode(), rs.getInt("hosp_lv"), rs.getString("inst_kind"),
                        Optional.ofNullable(rs.getString("tier")));
            }
            return new Row(earlier, rs.getInt("grp_year"), rs.getString("psn_no"), rs.getLong("line_no"), settlement,
                    figures, member, institution);
        }

        private static Money money(ResultSet rs, String column) throws SQLException {
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? Money.ZERO : Money.of(value);
        }

        private static Money reported(ResultSet rs, String column) throws SQLException {
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? null : Money.of(value);
        }
    }
}
