package io.medsettle.settlement;

import static io.medsettle.ledger.ChartOfAccounts.ASSISTANCE_FUND;
import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.holdbackPayable;
import static io.medsettle.ledger.ChartOfAccounts.institutionPayable;
import static io.medsettle.ledger.ChartOfAccounts.unpaidOverBudget;

import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal entries of one institution's year-end, all on the run's posting date:
 *
 * <ul>
 *   <li>the quality deposit (2203): the year's held amount leaves it; the released part goes to the
 *       institution's payable, the forfeited part back to the fund each stream was held from (the pooled
 *       stream to the pooled fund 3001, the supplementary stream to the assistance fund 3002, and the
 *       account stream to the pooled fund as well: it was the members' account money already spent, and
 *       no member's account can take it back, docs/year-end.md);</li>
 *   <li>the over-budget amounts kept unpaid (2204): the compensation goes to the payable, the rest back
 *       to the pooled fund the month-ends earmarked it from;</li>
 *   <li>the payment order: the payable leaves the expenditure bank account.</li>
 * </ul>
 *
 * <p>Keys are {@code year-end:<yyyy>:<institution>:<release|over-budget|payment>}: a retried approval
 * finds its entries and posts nothing twice.
 */
public final class YearEndPostings {

    private YearEndPostings() {
    }

    public static List<JournalEntry> of(int year, LocalDate date, YearEndLine line) {
        String code = line.code();
        List<JournalEntry> entries = new ArrayList<>();
        HoldbackRelease.Release release = line.release();
        Money held = release.released().plus(release.forfeitedTotal());
        if (!held.isZero()) {
            HoldbackRelease.Held forfeited = release.forfeited();
            entries.add(JournalEntry.builder(key(year, code, "release"), date, year + " 年终质量保证金清算 " + code)
                    .debit(holdbackPayable(code), held)
                    .credit(institutionPayable(code), release.released())
                    .credit(POOLED_FUND, forfeited.pooled().plus(forfeited.account()))
                    .credit(ASSISTANCE_FUND, forfeited.supplementary())
                    .build());
        }
        if (!line.unpaidOverBudget().isZero()) {
            entries.add(JournalEntry.builder(key(year, code, "over-budget"), date, year + " 超总额未结付年终补偿 " + code)
                    .debit(unpaidOverBudget(code), line.unpaidOverBudget())
                    .credit(institutionPayable(code), line.compensation())
                    .credit(POOLED_FUND, line.unpaidOverBudget().minus(line.compensation()))
                    .build());
        }
        if (line.payment().isPositive()) {
            entries.add(JournalEntry.builder(key(year, code, "payment"), date, year + " 年终清算拨付 " + code)
                    .debit(institutionPayable(code), line.payment())
                    .credit(BANK_EXPENDITURE, line.payment())
                    .build());
        }
        return entries;
    }

    public static IdempotencyKey key(int year, String code, String what) {
        return IdempotencyKey.of("year-end", year, code, what);
    }
}
