package io.medsettle.accountbook;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an account can give up on a day: the least of its balances on that day and on every later
 * day, as posted so far. A debit dated d may not exceed it, so that no day's balance ever goes below
 * zero, not even a day before a credit that was posted earlier with a later value date: the interest
 * is computed day by day from those balances (DOMAIN.md §4; docs/accounts.md "Spending").
 */
public final class AvailableBalance {

    private final List<AccountMovement> movements;

    public AvailableBalance(List<AccountMovement> movements) {
        this.movements = new ArrayList<>(movements);
        this.movements.sort(Comparator.comparing(AccountMovement::valueDate));
    }

    public Money on(LocalDate day) {
        Money balance = Money.ZERO;
        int i = 0;
        for (; i < movements.size() && !movements.get(i).valueDate().isAfter(day); i++) {
            balance = balance.plus(movements.get(i).amount());
        }
        Money least = balance;
        for (; i < movements.size(); i++) {
            balance = balance.plus(movements.get(i).amount());
            least = least.min(balance);
        }
        return least.max(Money.ZERO);
    }

    /** Carries a movement just decided, so that the next decision of the same batch sees it. */
    public void add(AccountMovement movement) {
        int at = 0;
        while (at < movements.size() && !movements.get(at).valueDate().isAfter(movement.valueDate())) {
            at++;
        }
        movements.add(at, movement);
    }
}
