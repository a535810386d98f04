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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every settlement of one member that the adjudication step must see, in DOMAIN.md's processing
 * order: the member's settlements already loaded (with their latest figures) and the file's new
 * rows, interleaved as their dates put them.
 */
record MemberRows(String psnNo, List<Row> rows) {

    /**
     * One settlement of the member. A loaded one carries its latest figures and their revision; a
     * new one its line in the file. Both carry the member and the institution on the settlement's
     * dates, because a loaded settlement that comes after a new one is adjudicated again.
     */
    record Row(boolean isNew, long line, Settlement settlement, Adjudication figures, int revision, Member member,
               Institution institution, Facts facts) {

        boolean loaded() {
            return !isNew;
        }
    }

    /**
     * What {@code settlement} keeps of a row beyond what the engine reads: the medical type, the
     * diagnosis, the {@code init_setl_id} as the hospital sent it (the engine sees it on
     * cancellations only), and for a loaded settlement its period. A new row is written into
     * {@code settlement} from these and its figures, with no staging table in between.
     */
    record Facts(String medType, String diseCodg, String initSetlId, String period) {
    }

    /**
     * One ordered query for the whole file: for every member with a row in the file, all of the
     * member's loaded settlements (a stay settled mid-way across a year end shares one deductible, so
     * earlier years count too) and the file's rows. Identifiers sort in the "C" collation, code-point
     * order, exactly as {@link Settlement#PROCESSING_ORDER} compares them in Java, whatever the
     * database's collation. The file id is both of the query's parameters.
     *
     * <p>The rows the reference checks set aside are read too: the query runs while the checks run
     * (in the load's transaction, which this cursor cannot see), and {@link MemberRowsReader} leaves
     * them out by their lines once the checks are done.
     */
    static final String QUERY = """
            with members as (
                select distinct psn_no from discharge_staging where file_id = ?
            )
            select * from (
            select false as new_row, 0 as line_no, l.setl_id, l.mdtrt_id, l.psn_no, l.fixmedins_code, l.begndate,
                   l.enddate, l.setl_time, l.medfee_sumamt, l.fulamt_ownpay_amt, l.overlmt_selfpay, l.clab_amt,
                   l.nego_antitumor_amt, l.implant_dom_amt, l.implant_jv_amt, l.implant_imp_amt, l.lrg_equip_amt,
                   l.transplant_amt, l.chemo_flag, l.offsite_type, l.refd_setl_flag, l.init_setl_id,
                   l.rpt_preselfpay_amt, l.rpt_inscp_scp_amt, l.rpt_act_pay_dedc, l.rpt_hifp_pay, l.rpt_hifob_pay,
                   l.rpt_fund_pay_sumamt, l.rpt_psn_part_amt, l.rpt_acct_pay, l.rpt_psn_cash_pay,
                   l.revision, l.eligible, l.reason, l.preselfpay_amt, l.inscp_scp_amt, l.act_pay_dedc, l.hifp_pay,
                   l.overcap_amt, l.hifob_pay, l.psn_part_amt, l.acct_pay, l.diff_fields,
                   l.med_type, l.dise_codg, l.period,
                   m.psn_type, m.brdy, m.insu_begn_date, m.extra_contrib_years, i.hosp_lv, i.inst_kind, i.tier
              from current_settlement l
              join members p on p.psn_no = l.psn_no
              left join member m on m.psn_no = l.psn_no and m.valid_from <= l.begndate
                   and (m.valid_to is null or m.valid_to > l.begndate)
              left join institution i on i.fixmedins_code = l.fixmedins_code and i.valid_from <= l.enddate
                   and (i.valid_to is null or i.valid_to > l.enddate)
            union all
            select true, d.line_no, d.setl_id, d.mdtrt_id, d.psn_no, d.fixmedins_code, d.begndate, d.enddate,
                   d.setl_time, d.medfee_sumamt, d.fulamt_ownpay_amt, d.overlmt_selfpay, d.clab_amt,
                   d.nego_antitumor_amt, d.implant_dom_amt, d.implant_jv_amt, d.implant_imp_amt, d.lrg_equip_amt,
                   d.transplant_amt, d.chemo_flag, d.offsite_type, d.refd_setl_flag, d.init_setl_id,
                   d.rpt_preselfpay_amt, d.rpt_inscp_scp_amt, d.rpt_act_pay_dedc, d.rpt_hifp_pay, d.rpt_hifob_pay,
                   d.rpt_fund_pay_sumamt, d.rpt_psn_part_amt, d.rpt_acct_pay, d.rpt_psn_cash_pay,
                   null, null, null, null, null, null, null, null, null, null, null, null,
                   d.med_type, d.dise_codg, null,
                   m.psn_type, m.brdy, m.insu_begn_date, m.extra_contrib_years, i.hosp_lv, i.inst_kind, i.tier
              from discharge_staging d
              left join member m on m.psn_no = d.psn_no and m.valid_from <= d.begndate
                   and (m.valid_to is null or m.valid_to > d.begndate)
              left join institution i on i.fixmedins_code = d.fixmedins_code and i.valid_from <= d.enddate
                   and (i.valid_to is null or i.valid_to > d.enddate)
             where d.file_id = ?
            ) u
            order by psn_no collate "C", enddate, setl_time, fixmedins_code collate "C", setl_id collate "C\"""";

    static Row map(ResultSet rs, int n) throws SQLException {
        boolean isNew = rs.getBoolean("new_row");
        Map<String, Money> classes = new HashMap<>();
        for (String column : DischargeColumns.FEE_CLASSES) {
            Money amount = money(rs, column);
            if (!amount.isZero()) {
                classes.put(column, amount);
            }
        }
        Settlement settlement = new Settlement(rs.getString("setl_id"), rs.getString("mdtrt_id"), rs.getString("psn_no"),
                rs.getString("fixmedins_code"), rs.getObject("begndate", LocalDate.class),
                rs.getObject("enddate", LocalDate.class), rs.getObject("setl_time", LocalDateTime.class),
                money(rs, "medfee_sumamt"), money(rs, "fulamt_ownpay_amt"), money(rs, "overlmt_selfpay"), classes,
                rs.getBoolean("chemo_flag"), rs.getString("offsite_type"),
                rs.getBoolean("refd_setl_flag") ? Optional.ofNullable(rs.getString("init_setl_id")) : Optional.empty(),
                new ReportedFigures(reported(rs, "rpt_preselfpay_amt"), reported(rs, "rpt_inscp_scp_amt"),
                        reported(rs, "rpt_act_pay_dedc"), reported(rs, "rpt_hifp_pay"), reported(rs, "rpt_hifob_pay"),
                        reported(rs, "rpt_fund_pay_sumamt"), reported(rs, "rpt_psn_part_amt"),
                        reported(rs, "rpt_acct_pay"), reported(rs, "rpt_psn_cash_pay")));
        Adjudication figures = null;
        int revision = 0;
        if (!isNew) {
            String reason = rs.getString("reason");
            String differences = rs.getString("diff_fields");
            figures = new Adjudication(settlement.setlId(), settlement.institutionCode(), settlement.psnNo(),
                    rs.getBoolean("eligible"), reason == null ? "" : reason, money(rs, "preselfpay_amt"),
                    money(rs, "inscp_scp_amt"), money(rs, "act_pay_dedc"), money(rs, "hifp_pay"),
                    money(rs, "overcap_amt"), money(rs, "hifob_pay"), money(rs, "psn_part_amt"), money(rs, "acct_pay"),
                    differences == null ? List.of() : Arrays.asList(differences.split(" ")));
            revision = rs.getInt("revision");
        }
        Member member = rs.getString("psn_type") == null ? null
                : new Member(settlement.psnNo(), MemberCategory.of(rs.getString("psn_type")),
                        rs.getObject("brdy", LocalDate.class), rs.getObject("insu_begn_date", LocalDate.class),
                        rs.getInt("extra_contrib_years"));
        // Unknown on the row's dates only for a row the reference checks set aside, which is never adjudicated.
        Institution institution = rs.getString("inst_kind") == null ? null
                : new Institution(settlement.institutionCode(), rs.getInt("hosp_lv"), rs.getString("inst_kind"),
                        Optional.ofNullable(rs.getString("tier")));
        Facts facts = new Facts(rs.getString("med_type"), rs.getString("dise_codg"), rs.getString("init_setl_id"),
                rs.getString("period"));
        return new Row(isNew, rs.getLong("line_no"), settlement, figures, revision, member, institution, facts);
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
