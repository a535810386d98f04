package io.medsettle.intake;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.app.PgCopy;

import java.util.List;

/** A staged row's line and the engine's figures for it, as they go into {@code adjudication_staging}. */
record AdjudicatedLine(long line, Adjudication figures) {

    static final String TABLE = "adjudication_staging";

    static final List<String> COLUMNS = List.of("file_id", "line_no", "eligible", "reason", "preselfpay_amt",
            "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay", "psn_part_amt", "acct_pay",
            "diff_flag", "diff_fields");

    /** A loaded settlement's revision, as it goes into {@code revision_staging}. */
    static final String REVISION_TABLE = "revision_staging";

    static final List<String> REVISION_COLUMNS = List.of("file_id", "fixmedins_code", "setl_id", "psn_no", "eligible",
            "reason", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "overcap_amt", "hifob_pay",
            "psn_part_amt", "acct_pay", "diff_flag", "diff_fields");

    /** Appends the line to a COPY into {@link #TABLE}, in {@link #COLUMNS} order. */
    void copyInto(PgCopy copy, long fileId) {
        figures(copy.row().number(fileId).number(line), figures);
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
