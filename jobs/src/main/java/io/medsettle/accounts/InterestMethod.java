package io.medsettle.accounts;

/** How an account's interest is computed (DOMAIN.md §4 计息); see {@link InterestCalculator}. */
public enum InterestMethod {
    /** The whole balance at the demand rate (Lianyungang: 按居民活期存款利率, seed 000 四). */
    DAILY_BALANCE,
    /**
     * The balance in two parts: money carried over from earlier years at the three-month time deposit
     * rate, the year's allocations and refunds at the demand rate (the national rule; Langfang, and
     * assumed for Yantai and Zhenjiang).
     */
    SPLIT_RATE
}
