package io.medsettle.ledger;

/**
 * The five kinds of account. Assets and expenses normally carry a debit balance; liabilities,
 * fund balances and income a credit balance.
 */
public enum AccountType {
    ASSET("资产", Side.DEBIT),
    LIABILITY("负债", Side.CREDIT),
    FUND_BALANCE("基金结余", Side.CREDIT),
    INCOME("收入", Side.CREDIT),
    EXPENSE("支出", Side.DEBIT);

    /** The side on which an account of this type normally has its balance. */
    public enum Side { DEBIT, CREDIT }

    private final String chineseName;
    private final Side normalSide;

    AccountType(String chineseName, Side normalSide) {
        this.chineseName = chineseName;
        this.normalSide = normalSide;
    }

    public String chineseName() {
        return chineseName;
    }

    public Side normalSide() {
        return normalSide;
    }
}
