package io.medsettle.ledger;

/**
 * The codes of the main accounts, as created by the ledger migration, and the sub-accounts kept
 * per institution and per member. Code follows the Chinese social insurance fund accounting
 * practice of four-digit main accounts.
 */
public final class ChartOfAccounts {

    public static final AccountCode BANK = AccountCode.of("1002");
    /** 收入户: where contributions arrive. */
    public static final AccountCode BANK_INCOME = AccountCode.of("1002.01");
    /** 支出户: where payments to institutions and members leave from. */
    public static final AccountCode BANK_EXPENDITURE = AccountCode.of("1002.02");
    public static final AccountCode ADVANCES = AccountCode.of("1131");
    /** 应付定点机构款, per institution. */
    public static final AccountCode INSTITUTION_PAYABLE = AccountCode.of("2202");
    /** 质量保证金: the 10 % held back until the year-end assessment, per institution. */
    public static final AccountCode HOLDBACK_PAYABLE = AccountCode.of("2203");
    /** 超总额未结付: over-budget amounts not paid, kept for the year-end compensation. */
    public static final AccountCode UNPAID_OVER_BUDGET = AccountCode.of("2204");
    /** 个人账户基金, per member. */
    public static final AccountCode INDIVIDUAL_ACCOUNTS = AccountCode.of("2301");
    /**
     * 个人账户支付待结算, per institution: what members' accounts paid an institution (debited from
     * their accounts at the intake or the load), until the month-end settles it with the institution.
     */
    public static final AccountCode ACCOUNT_SPENDING_TO_SETTLE = AccountCode.of("2302");
    public static final AccountCode TRANSFER_OUT_PAYABLE = AccountCode.of("2401");
    public static final AccountCode INHERITANCE_PAYABLE = AccountCode.of("2402");
    /** 统筹基金. */
    public static final AccountCode POOLED_FUND = AccountCode.of("3001");
    /** 大额医疗救助基金 (or the profile's supplementary layer). */
    public static final AccountCode ASSISTANCE_FUND = AccountCode.of("3002");
    public static final AccountCode CONTRIBUTION_INCOME = AccountCode.of("4001");
    public static final AccountCode POOLED_CONTRIBUTION_INCOME = AccountCode.of("4001.01");
    public static final AccountCode ACCOUNT_CONTRIBUTION_INCOME = AccountCode.of("4001.02");
    public static final AccountCode INTEREST_INCOME = AccountCode.of("4101");
    public static final AccountCode BENEFIT_EXPENSE = AccountCode.of("5001");
    public static final AccountCode POOLED_BENEFIT_EXPENSE = AccountCode.of("5001.01");
    public static final AccountCode SUPPLEMENTARY_BENEFIT_EXPENSE = AccountCode.of("5001.02");
    public static final AccountCode ACCOUNT_BENEFIT_EXPENSE = AccountCode.of("5001.03");
    /** 统筹基金划入退休人员个人账户: retirees' monthly allocation, paid by the pooled fund. */
    public static final AccountCode RETIREE_ALLOCATION_EXPENSE = AccountCode.of("5001.04");
    public static final AccountCode INTEREST_EXPENSE = AccountCode.of("5101");

    private ChartOfAccounts() {
    }

    public static AccountCode institutionPayable(String fixmedinsCode) {
        return INSTITUTION_PAYABLE.sub(fixmedinsCode);
    }

    public static AccountCode holdbackPayable(String fixmedinsCode) {
        return HOLDBACK_PAYABLE.sub(fixmedinsCode);
    }

    public static AccountCode unpaidOverBudget(String fixmedinsCode) {
        return UNPAID_OVER_BUDGET.sub(fixmedinsCode);
    }

    public static AccountCode accountSpendingToSettle(String fixmedinsCode) {
        return ACCOUNT_SPENDING_TO_SETTLE.sub(fixmedinsCode);
    }

    public static AccountCode individualAccount(String psnNo) {
        return INDIVIDUAL_ACCOUNTS.sub(psnNo);
    }
}
