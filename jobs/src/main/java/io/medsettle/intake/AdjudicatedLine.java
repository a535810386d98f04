package io.medsettle.intake;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.Settlement;
import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;

import java.util.ArrayList;
import java.util.List;

/**
 * A new row of the file and the engine's figures for it, as it goes into {@code settlement}: the
 * hospital's facts and the recomputed figures side by side, written once, into the final table.
 */
record AdjudicatedLine(MemberRows.Row row, Adjudication figures) {

    static final String TABLE = "settlement";

    static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of("fixmedins_code", "setl_id", "file_id", "line_no", "mdtrt_id",
                "psn_no", "med_type", "begndate", "enddate", "setl_time", "period", "benefit_year", "medfee_sumamt",
                "fulamt_ownpay_amt", "overlmt_selfpay"));
        columns.addAll(DischargeColumns.FEE_CLASSES);
        columns.addAll(List.of("chemo_flag", "offsite_type", "dise_codg", "refd_setl_flag", "init_setl_id",
                "rpt_preselfpay_amt", "rpt_inscp_scp_amt", "rpt_act_pay_dedc", "rpt_hifp_pay", "rpt_hifob_pay",
                "rpt_fund_pay_sumamt", "rpt_psn_part_amt", "rpt_acct_pay", "rpt_psn_cash_pay", "eligible", "reason",
                "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay",
                "psn_part_amt", "acct_pay", "diff_flag", "diff_fields"));
        COLUMNS = List.copyOf(columns);
    }

    /** A loaded settlement's revision, as it goes into {@code revision_staging}. */
    static final String REVISION_TABLE = "revision_staging";

    static final List<String> REVISION_COLUMNS = List.of("file_id", "fixmedins_code", "setl_id", "psn_no", "eligible",
            "reason", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay",
            "psn_part_amt", "acct_pay", "diff_flag", "diff_fields");

    long line() {
        return row.line();
    }

    /** Appends the settlement to a COPY into {@link #TABLE}, in {@link #COLUMNS} order. */
    void copyInto(PgCopy copy, long fileId, String period) {
        Settlement s = row.settlement();
        var reported = s.reported();
        PgCopy.Row out = copy.row().text(s.institutionCode()).text(s.setlId()).number(fileId).number(row.line())
                .text(s.mdtrtId()).text(s.psnNo()).text(row.facts().medType()).date(s.begin()).date(s.end())
                .timestamp(s.settledAt()).text(period).number(s.benefitYear()).money(s.total()).money(s.fullyOwnPay())
                .money(s.overLimit());
        for (String feeClass : DischargeColumns.FEE_CLASSES) {
            out.money(s.feeClass(feeClass));
        }
        out.flag(s.chemo()).text(s.offsite()).text(row.facts().diseCodg()).flag(s.cancels().isPresent())
                .text(row.facts().initSetlId())
                .money(reported.preSelfPay()).money(reported.inScope()).money(reported.deductible())
                .money(reported.fundPay()).money(reported.supplementaryPay()).money(reported.fundPayTotal())
                .money(reported.memberPart()).money(reported.acctPay()).money(reported.cashPay());
        figures(out, figures);
    }

    /** Appends a revision to a COPY into {@link #REVISION_TABLE}, in {@link #REVISION_COLUMNS} order. */
    static void copyRevision(PgCopy copy, long fileId, MemberAdjudicator.Revision revision) {
        Adjudication a = revision.figures();
        figures(copy.row().number(fileId).text(a.institutionCode()).text(a.setlId()).text(a.psnNo()), a);
    }

    private static void figures(PgCopy.Row row, Adjudication a) {
        row.flag(a.eligible()).text(a.reason().isEmpty() ? null : a.reason())
                .money(a.preSelfPay()).money(a.inScope()).money(a.deductible()).money(a.fundPay())
                .money(a.overCap()).money(a.supplementaryPay()).money(a.memberPart()).money(a.acctPay())
                .flag(a.differs()).text(a.differs() ? String.join(" ", a.differences()) : null).end();
    }
}
