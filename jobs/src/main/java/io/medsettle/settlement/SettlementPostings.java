package io.medsettle.settlement;

import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.SUPPLEMENTARY_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.accountSpendingToSettle;
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
 *   <li>one entry per fund stream (pooled, supplementary, individual account): the expense (for the
 *       account stream, what the members' accounts already paid, waiting on 2302), the part paid now
 *       to the institution's payable, the part held back to its quality deposit;</li>
 *   <li>the over-budget amount not paid: pooled fund balance earmarked for the year-end
 *       compensation (2204), so that the unpaid amount is in the books and the compensation can
 *       release or pay it;</li>
 *   <li>the payment order: the payable leaves the expenditure bank account.</li>
 * </ul>
 *
 * <p>Each adjustment line of an earlier, closed period is an entry of its own, keyed and described
 * by the settlement it settles ({@code month-end:<period>:<institution>:adjustment:<setl_id>}), with
 * the same three streams. A line that takes back (a cancellation, a revision that lowers the fund's
 * share) has its signs turned: it credits the expense and debits the payable and the deposit. What
 * the payable is left owing is netted from the next runs' credits before anything is paid
 * ({@link Payment}).
 *
 * <p>Keys are {@code month-end:<period>:<institution>:<stream>}: a retried or restarted approval
 * finds its entries posted and posts nothing twice.
 */
public final class SettlementPostings {

    private SettlementPostings() {
    }

    public static List<JournalEntry> of(YearMonth period, SettlementLine line, List<SettledAdjustment> adjustments) {
        String code = line.code();
        List<JournalEntry> entries = new ArrayList<>();
        for (SettledAdjustment adjustment : adjustments) {
            adjustment(period, adjustment).ifPresent(entries::add);
        }
        stream(period, code, "pooled", "统筹基金月度结算", POOLED_BENEFIT_EXPENSE, line.pooled()).ifPresent(entries::add);
        stream(period, code, "supplementary", "大额救助按实结算", SUPPLEMENTARY_BENEFIT_EXPENSE, line.supplementary())
                .ifPresent(entries::add);
        // The account stream was debited from the members' accounts at the intake or the load and waits
        // on the institution's 2302 until this settlement moves it to its payable and deposit.
        stream(period, code, "account", "个人账户按实结算", accountSpendingToSettle(code), line.account())
                .ifPresent(entries::add);
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

    private static java.util.Optional<JournalEntry> adjustment(YearMonth period, SettledAdjustment a) {
        AdjustmentLine l = a.line();
        JournalEntry.Builder entry = JournalEntry.builder(key(period, l.institution(), "adjustment:" + l.setlId()),
                        period.atEndOfMonth(), period + " 以前期间调整 " + l.institution() + " " + l.kind().text() + " "
                                + l.setlId() + " (所属期间 " + l.period()
                                + l.settledBefore().map(before -> ", 原结算于 " + before).orElse("") + ")")
                // Builder.debit and credit take signed amounts: a line that takes back turns every side.
                .debit(POOLED_BENEFIT_EXPENSE, a.pooled().total())
                .debit(SUPPLEMENTARY_BENEFIT_EXPENSE, a.supplementary().total())
                .debit(accountSpendingToSettle(l.institution()), a.account().total())
                .credit(institutionPayable(l.institution()), a.paidNow())
                .credit(holdbackPayable(l.institution()), a.heldBack());
        return entry.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(entry.build());
    }

    private static java.util.Optional<JournalEntry> stream(YearMonth period, String code, String stream, String what,
                                                           AccountCode expense, Holdback.Split split) {
        Money total = split.paidNow().plus(split.heldBack());
        if (total.isZero()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(JournalEntry.builder(key(period, code, stream), period.atEndOfMonth(),
                        period + " " + what + " " + code)
                .debit(expense, total)
                .credit(institutionPayable(code), split.paidNow())
                .credit(holdbackPayable(code), split.heldBack())
                .build());
    }

    public static IdempotencyKey key(YearMonth period, String code, String stream) {
        // e.g. month-end:2026-03:H001:pooled, month-end:2026-03:H001:adjustment:S123
        return IdempotencyKey.of("month-end", period, code, stream);
    }
}
