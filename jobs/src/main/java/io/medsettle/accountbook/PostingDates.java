package io.medsettle.accountbook;

import io.medsettle.ledger.Ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.stereotype.Component;

/**
 * The date a load or an intake posts its entries on: today, in the fund's time zone, or, when this
 * month has already been closed (an accountant settled it early), the first day of the first open
 * month after it. A posting never goes into a closed month; its movements keep their own value dates.
 */
@Component
public class PostingDates {

    private final Ledger ledger;
    private final Clock clock;

    PostingDates(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public LocalDate today() {
        LocalDate today = LocalDate.now(clock);
        YearMonth month = YearMonth.from(today);
        if (!ledger.isClosed(month)) {
            return today;
        }
        do {
            month = month.plusMonths(1);
        } while (ledger.isClosed(month));
        return month.atDay(1);
    }
}
