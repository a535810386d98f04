package io.medsettle.settlement;

/** How an institution's due for the month is computed (the profile's {@code settlement.method}). */
public enum SettlementMethod {
    /** 均值结算: discharges × the approved average, minus the members' policy self-pay. */
    AVERAGE_COST,
    /** 按项目付费: the recomputed fund payments of the discharges. */
    FEE_FOR_SERVICE
}
