package io.medsettle.discharges;

import io.medsettle.adjudication.ReportedFigures;
import io.medsettle.adjudication.Settlement;
import io.medsettle.app.PgCopy;
import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.files.Problem;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A row of a discharge file (出院结算明细) that passed the checks a row can make on its own, with its
 * values typed, or the problems that set it aside.
 */
public record DischargeRow(long line, Values values, List<Problem> problems) {

    /** The typed values, grouped as the file groups them. */
    public record Values(String setlId, String mdtrtId, String psnNo, String institution, String medType, LocalDate begin,
                  LocalDate end, LocalDateTime settled, Money total, Money ownPay, Money overLimit, List<Money> feeClasses,
                  boolean chemo, String offsite, String diagnosis, boolean cancels, String cancelledSetlId,
                  List<Money> reported) {
    }

    public boolean accepted() {
        return problems.isEmpty();
    }

    /**
     * Reads and checks one row (formats.md "Row checks"): types and ranges, the uploading institution
     * and the period (when given), the dates in order, the fee classes inside the cost, the account payment inside
     * the member's share, a cancellation naming what it cancels.
     */
    public static DischargeRow check(InputRow row, String institution, YearMonth period) {
        String setlId = row.text("setl_id", 40);
        String mdtrtId = row.text("mdtrt_id", 40);
        String psnNo = Identifiers.memberNumber(row, "psn_no");
        String code = Identifiers.institutionCode(row, "fixmedins_code");
        String medType = row.code("med_type", DischargeColumns.MED_TYPES);
        LocalDate begin = row.date("begndate");
        LocalDate end = row.date("enddate");
        LocalDateTime settled = row.dateTime("setl_time");
        Money total = row.money("medfee_sumamt");
        Money ownPay = row.optionalMoney("fulamt_ownpay_amt");
        Money overLimit = row.optionalMoney("overlmt_selfpay");
        List<Money> feeClasses = DischargeColumns.FEE_CLASSES.stream().map(row::optionalMoney).toList();
        boolean chemo = row.flag("chemo_flag");
        String offsite = row.optionalCode("offsite_type", DischargeColumns.OFFSITE_TYPES, "local");
        String diagnosis = row.optionalText("dise_codg", 20);
        boolean cancels = row.flag("refd_setl_flag");
        String cancelled = row.optionalText("init_setl_id", 40);
        List<Money> reported = DischargeColumns.REPORTED.stream().map(row::reportedMoney).toList();

        if (institution != null && code != null && !code.equals(institution)) {
            row.problem("fixmedins_code", code, "不是上传机构(" + institution + ")的结算",
                    "not a settlement of the uploading institution " + institution);
        }
        if (period != null && end != null && !YearMonth.from(end).equals(period)) {
            row.problem("enddate", end.toString(), "出院日期不在结算期间" + period + "内", "discharge date outside the period " + period);
        }
        if (begin != null && end != null && begin.isAfter(end)) {
            row.problem("begndate", begin.toString(), "入院日期晚于出院日期", "admission date after the discharge date");
        }
        if (total != null && ownPay != null && overLimit != null) {
            Money inCatalogue = total.minus(ownPay).minus(overLimit);
            if (inCatalogue.isNegative()) {
                row.problem("fulamt_ownpay_amt", ownPay.toString(), "全自费与超限价金额之和超过医疗费总额",
                        "fully self-paid and over-limit amounts exceed the total cost");
            } else if (feeClasses.stream().allMatch(java.util.Objects::nonNull)
                    && Money.sum(feeClasses).isGreaterThan(inCatalogue)) {
                row.problem("clab_amt", Money.sum(feeClasses).toString(), "各类费用之和超过目录内费用",
                        "the fee classes add up to more than the cost inside the catalogues");
            }
        }
        Money acctPay = reported.get(7);
        Money personalPart = reported.get(6);
        if (acctPay != null && personalPart != null && acctPay.isGreaterThan(personalPart)) {
            row.problem("acct_pay", acctPay.toString(), "个人账户支付超过个人负担", "account payment exceeds the member's share");
        }
        if (cancels && cancelled == null) {
            row.problem("init_setl_id", "", "冲销结算须填写原结算ID", "a cancellation must name the settlement it cancels");
        }
        if (row.hasProblems()) {
            return new DischargeRow(row.line(), null, row.problems());
        }
        return new DischargeRow(row.line(), new Values(setlId, mdtrtId, psnNo, code, medType, begin, end, settled,
                total, ownPay, overLimit, feeClasses, chemo, offsite, diagnosis, cancels, cancelled, reported), List.of());
    }

    /** Appends the row to the staging COPY, in {@link DischargeColumns#STAGING} order. */
    public void copyInto(PgCopy copy, long fileId) {
        Values v = values;
        PgCopy.Row row = copy.row().number(fileId).number(line).text(v.setlId()).text(v.mdtrtId()).text(v.psnNo())
                .text(v.institution()).text(v.medType()).date(v.begin()).date(v.end()).timestamp(v.settled())
                .money(v.total()).money(v.ownPay()).money(v.overLimit());
        v.feeClasses().forEach(row::money);
        row.flag(v.chemo()).text(v.offsite()).text(v.diagnosis()).flag(v.cancels()).text(v.cancelledSetlId());
        v.reported().forEach(row::money);
        row.end();
    }

    /** The row as the benefit engine reads it. */
    public Settlement toSettlement() {
        Values v = values;
        Map<String, Money> classes = new HashMap<>();
        for (int i = 0; i < DischargeColumns.FEE_CLASSES.size(); i++) {
            if (!v.feeClasses().get(i).isZero()) {
                classes.put(DischargeColumns.FEE_CLASSES.get(i), v.feeClasses().get(i));
            }
        }
        List<Money> r = v.reported();
        return new Settlement(v.setlId(), v.mdtrtId(), v.psnNo(), v.institution(), v.begin(), v.end(), v.settled(),
                v.total(), v.ownPay(), v.overLimit(), classes, v.chemo(), v.offsite(),
                v.cancels() ? Optional.of(v.cancelledSetlId()) : Optional.empty(),
                new ReportedFigures(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8)));
    }
}
