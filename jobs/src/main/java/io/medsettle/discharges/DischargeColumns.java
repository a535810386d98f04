package io.medsettle.discharges;

import java.util.List;
import java.util.Set;

/** The discharge file's columns (formats.md), and the order in which they are staged. */
public final class DischargeColumns {

    public static final List<String> REQUIRED = List.of("setl_id", "mdtrt_id", "psn_no", "fixmedins_code", "med_type",
            "begndate", "enddate", "setl_time", "medfee_sumamt");

    public static final List<String> FEE_CLASSES = List.of("clab_amt", "nego_antitumor_amt", "implant_dom_amt",
            "implant_jv_amt", "implant_imp_amt", "lrg_equip_amt", "transplant_amt");

    /** The hospital's own figures: checked against the recomputation, kept beside it. */
    public static final List<String> REPORTED = List.of("preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay",
            "hifob_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay");

    public static final List<String> OPTIONAL = List.of("fulamt_ownpay_amt", "overlmt_selfpay", "clab_amt",
            "nego_antitumor_amt", "implant_dom_amt", "implant_jv_amt", "implant_imp_amt", "lrg_equip_amt",
            "transplant_amt", "chemo_flag", "offsite_type", "dise_codg", "refd_setl_flag", "init_setl_id",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "hifob_pay", "fund_pay_sumamt",
            "psn_part_amt", "acct_pay", "psn_cash_pay");

    public static final Set<String> MED_TYPES = Set.of("21", "22");
    public static final Set<String> OFFSITE_TYPES = Set.of("local", "in_province", "temp_cross_province", "referral_out",
            "resident_elsewhere");

    /** Columns of {@code discharge_staging} written by the stage step, in COPY order. */
    public static final List<String> STAGING = List.of("file_id", "line_no", "setl_id", "mdtrt_id", "psn_no",
            "fixmedins_code", "med_type", "begndate", "enddate", "setl_time", "medfee_sumamt", "fulamt_ownpay_amt",
            "overlmt_selfpay", "clab_amt", "nego_antitumor_amt", "implant_dom_amt", "implant_jv_amt",
            "implant_imp_amt", "lrg_equip_amt", "transplant_amt", "chemo_flag", "offsite_type", "dise_codg",
            "refd_setl_flag", "init_setl_id", "rpt_preselfpay_amt", "rpt_inscp_scp_amt", "rpt_act_pay_dedc",
            "rpt_hifp_pay", "rpt_hifob_pay", "rpt_fund_pay_sumamt", "rpt_psn_part_amt", "rpt_acct_pay",
            "rpt_psn_cash_pay");

    public static final List<String> PROBLEM = List.of("file_id", "line_no", "column_name", "value", "reason_zh", "reason_en",
            "stage");

    private DischargeColumns() {
    }
}
