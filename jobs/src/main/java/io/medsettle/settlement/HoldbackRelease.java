package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * The year-end release of an institution's quality deposit (DOMAIN.md §3): {@code released =
 * round2(held_back × rate)} is paid, {@code forfeited = held_back − released} goes back to the funds it
 * was held from. The forfeited amount is split over the three streams it was held from (pooled,
 * supplementary, individual account) in proportion to what each held, by the largest remainder (ties
 * in that order), so each fund gets back exactly its part and the parts add up to the forfeited total.
 *
 * <p>A year whose held total is not positive (adjustment lines that took back more than the months
 * held, possible only in odd years) releases and forfeits nothing.
 */
public final class HoldbackRelease {

    /** What the year held back, per stream. */
    public record Held(Money pooled, Money supplementary, Money account) {

        public Money total() {
            return pooled.plus(supplementary).plus(account);
        }
    }

    /** The release: what is paid, and what each stream forfeits. */
    public record Release(BigDecimal rate, Money released, Held forfeited) {

        public Money forfeitedTotal() {
            return forfeited.total();
        }
    }

    private HoldbackRelease() {
    }

    public static Release of(Held held, BigDecimal rate) {
        Money total = held.total();
        if (!total.isPositive()) {
            return new Release(rate, Money.ZERO, new Held(Money.ZERO, Money.ZERO, Money.ZERO));
        }
        Money released = total.timesRounded(rate);
        Money forfeited = total.minus(released);
        List<BigDecimal> weights = List.of(held.pooled().max(Money.ZERO).amount(),
                held.supplementary().max(Money.ZERO).amount(), held.account().max(Money.ZERO).amount());
        List<Money> parts = forfeited.allocate(weights);
        return new Release(rate, released, new Held(parts.get(0), parts.get(1), parts.get(2)));
    }
}
