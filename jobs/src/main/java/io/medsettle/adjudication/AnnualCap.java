package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

/**
 * 最高支付限额: what the annual cap limits. {@code FUND_PAID} (Langfang 350000, Yantai 250000): the
 * fund's cumulative payment in the year; {@code ELIGIBLE_COST} (Zhenjiang 500000, Lianyungang
 * 40000): the cumulative in-scope cost of the year. The cost above the cap is over-cap cost, for
 * the supplementary layer.
 */
public record AnnualCap(Basis basis, Money amount) {

    public enum Basis { FUND_PAID, ELIGIBLE_COST }
}
