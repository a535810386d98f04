package io.medsettle.settlement;

import static io.medsettle.ledger.ChartOfAccounts.ACCOUNT_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.SUPPLEMENTARY_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.holdbackPayable;
import static io.medsettle.ledger.ChartOfAccounts.institutionPayable;
import static io.medsettle.ledger.ChartOfAccounts.unpaidOverBudget;

import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal entries of one institution's month-end line, all dated the last day of the period:
 *
 * <ul>
 *   <li>one entry per fund stream (pooled, supplementary, individual account): the expense, the
 *       part paid now to the institution's payable, the part held back to its quality deposit;</li>
 *   <li>the over-budget amount not paid: pooled fund balance earmarked for the year-end
 *       compensation (2204), so that the unpaid amount is in the books and the compensation can
 *       release or pay it;</li>
 *   <li>the payment order: the payable leaves the expenditure bank account.</li>
 * </ul>
 *
 * <p>A stream can be negative (adjustment lines that take back more than the month brings): its
 * entry is then the same entry with every amount's sign turned, crediting the expense and debiting
 * the payable and the deposit. The payable is left with a debit balance, what the institution owes,
 * which the next runs' credits net before anything is paid ({@link Payment}).
 *
 * <p>Keys are {@code month-end:<period>:<institution>:<stream>}: a retried or restarted approval
 * finds its entries posted and posts nothing twice.
 */
public final class SettlementPostings {

    private SettlementPostings() {
    }

    public static List<JournalEntry> of(YearMonth period, SettlementLine line) {
        String code = line.code();
        List<JournalEntry> entries = new ArrayList<>();
        stream(period, code, "pooled", "统筹基金月度结算", POOLED_BENEFIT_EXPENSE, line.pooled()).ifPresent(entries::add);
        stream(period, code, "supplementary", "大额救助按实结算", SUPPLEMENTARY_BENEFIT_EXPENSE, line.supplementary())
                .ifPresent(entries::add);
        stream(period, code, "account", "个人账户按实结算", ACCOUNT_BENEFIT_EXPENSE, line.account()).ifPresent(entries::add);
        if (line.unpaidOverBudget().isPositive()) {
            entries.add(JournalEntry.builder(key(period, code, "over-budget"), period.atEndOfMonth(),
                            period + " 超总额未结付 " + code)
                    .debit(POOLED_FUND, line.unpaidOverBudget())
                    .credit(unpaidOverBudget(code), line.unpaidOverBudget())
                    .build());
        }
        Money paid = line.payment().paid();
        if (paid.isPositive()) {
            entries.add(JournalEntry.builder(key(period, code, "payment"), period.atEndOfMonth(),
                            period + " 拨付 " + code)
                    .debit(institutionPayable(code), paid)
                    .credit(BANK_EXPENDITURE, paid)
                    .build());
        }
        return entries;
    }

    private static java.util.Optional<JournalEntry> stream(YearMonth period, String code, String stream, String what,
                                                           AccountCode expense, Holdback.Split split) {
        Money total = split.paidNow().plus(split.heldBack());
        if (total.isZero()) {
            return java.util.Optional.empty();
        }
        // Builder.debit and credit take signed amounts: a negative stream turns every side.
        return java.util.Optional.of(JournalEntry.builder(key(period, code, stream), period.atEndOfMonth(),
                        period + " " + what + (total.isNegative() ? "(追回)" : "") + " " + code)
                .debit(expense, total)
                .credit(institutionPayable(code), split.paidNow())
                .credit(holdbackPayable(code), split.heldBack())
                .build());
    }

    public static IdempotencyKey key(YearMonth period, String code, String stream) {
        return IdempotencyKey.of("month-end", period, code, stream);
    }
}
