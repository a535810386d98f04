package io.medsettle.monthend;

/**
 * The line under the fund summary and the institution's statement that says why what is paid now
 * can be more than the allocation. Readers compare the two and take the difference for a mistake;
 * it is not one. The allocation (分配额) is the pooled fund's alone, after budget control; what is
 * paid now (DOMAIN.md §2's {@code paid_now}, {@link io.medsettle.settlement.SettlementLine#paidNow()})
 * is the paid-now part of three streams: that allocation, the supplementary stream settled at actual
 * ({@code sup_actual}) and the account stream settled at actual ({@code acct_settled}). The
 * adjustment lines of earlier periods are not in it: they have a column of their own, and the
 * payment is what is paid now, plus the adjustments' part, less what the institution owed before.
 *
 * <p>The note names each figure as the sheet it stands under names it, so that a reader finds every
 * term of it in the table above.
 */
record PaidNowNote(String allocated, String paidNow, String supplementary, String account, String adjustments,
                   String owedBefore, String payment, String owedAfter) {

    /** The terms of the fund summary's columns. */
    static final PaidNowNote SUMMARY = new PaidNowNote("分配额", "本月拨付", "大额按实(大额/救助按实结算)",
            "个账按实(个人账户按实结算)", "调整本月拨付", "上期结转欠款", "本月实付", "结转下期欠款");

    /** The terms of the institution statement's lines. */
    static final PaidNowNote STATEMENT = new PaidNowNote("总额控制分配额", "本月拨付合计", "大额救助按实结算",
            "个人账户按实结算", "以前期间调整本月拨付", "上期结转欠款(本月抵扣)", "本月实付(抵扣欠款后)", "结转下期欠款");

    String text(MonthEndRecords.RunHeader run) {
        return "说明：" + allocated + "只是统筹基金按总额控制分配的金额；" + paidNow + "是三项之和：" + allocated + "、"
                + supplementary + "和" + account + "，各拨付" + run.paidNowText() + "(其余" + run.holdbackText()
                + "为预留质量保证金)，所以" + paidNow + "可以大于" + allocated + "。"
                + "以前期间的调整不在" + paidNow + "内，另列为" + adjustments + "；" + payment + " = " + paidNow + " + "
                + adjustments + " − " + owedBefore + "，不足抵扣时" + payment + "为0，差额为" + owedAfter + "。";
    }
}
