package io.medsettle.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An amount of yuan, exact to the fen (scale 2).
 *
 * <p>Money never rounds on its own. Exact amounts come in through {@link #of(String)} and
 * {@link #of(BigDecimal)}, which refuse anything finer than a fen; a figure that a rule
 * <em>produces</em> from rates or quotients goes through {@link #rounded(BigDecimal)} exactly once,
 * HALF_UP, as DOMAIN.md prescribes. Intermediate results stay {@link BigDecimal}s at full precision.
 */
public final class Money implements Comparable<Money> {

    public static final int SCALE = 2;
    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(SCALE));

    private final BigDecimal amount;

    private Money(BigDecimal amount) {
        this.amount = amount;
    }

    /** An exact amount; refuses more than two decimals rather than rounding silently. */
    public static Money of(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        try {
            return new Money(amount.setScale(SCALE, RoundingMode.UNNECESSARY));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than 2 decimals");
        }
    }

    /** An exact amount written as text, such as {@code "1234.5"}. */
    public static Money of(String amount) {
        return of(new BigDecimal(amount));
    }

    public static Money ofFen(long fen) {
        return new Money(BigDecimal.valueOf(fen, SCALE));
    }

    /** The one place where a computed value becomes money: HALF_UP to the fen. */
    public static Money rounded(BigDecimal exact) {
        return new Money(exact.setScale(SCALE, RoundingMode.HALF_UP));
    }

    public BigDecimal amount() {
        return amount;
    }

    /** The amount in fen; exact because the scale is always 2. */
    public long fen() {
        return amount.unscaledValue().longValueExact();
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    /** This amount times a rate, exact (not rounded): for rules that round only at the end. */
    public BigDecimal times(BigDecimal rate) {
        return amount.multiply(rate);
    }

    /** This amount times a rate, rounded HALF_UP once: {@code round2(rate × amount)}. */
    public Money timesRounded(BigDecimal rate) {
        return rounded(amount.multiply(rate));
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public static Money sum(Iterable<Money> amounts) {
        BigDecimal total = BigDecimal.ZERO.setScale(SCALE);
        for (Money m : amounts) {
            total = total.add(m.amount);
        }
        return new Money(total);
    }

    /**
     * Splits this amount in proportion to the weights by the largest-remainder method, so that the
     * parts add up to this amount exactly.
     *
     * <p>Each part's exact quota {@code amount × weight / Σ weights} is floored to the fen; the fen
     * left over go one each to the parts with the largest remainders, ties to the earlier weight.
     * Callers that need another tie order (DOMAIN.md: the smaller institution code) pass the
     * weights in that order. A negative amount is split as its absolute value and negated, so the
     * parts never round away from zero.
     *
     * @param weights non-negative, at least one positive; exact, no precision is lost
     */
    public List<Money> allocate(List<BigDecimal> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("allocate needs at least one weight");
        }
        if (signum() < 0) {
            return negate().allocate(weights).stream().map(Money::negate).toList();
        }
        int scale = weights.stream().mapToInt(w -> Math.max(w.stripTrailingZeros().scale(), 0)).max().orElse(0);
        BigInteger[] units = new BigInteger[weights.size()];
        BigInteger totalUnits = BigInteger.ZERO;
        for (int i = 0; i < units.length; i++) {
            BigDecimal w = Objects.requireNonNull(weights.get(i), "weight");
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weight " + w.toPlainString() + " is negative");
            }
            units[i] = w.movePointRight(scale).toBigIntegerExact();
            totalUnits = totalUnits.add(units[i]);
        }
        if (totalUnits.signum() == 0) {
            throw new IllegalArgumentException("allocate needs at least one positive weight");
        }
        // quota_i = fen × units_i / totalUnits; all remainders share the denominator totalUnits,
        // so comparing the integer remainders compares the fractions exactly.
        BigInteger fen = amount.unscaledValue();
        long[] parts = new long[units.length];
        BigInteger[] remainders = new BigInteger[units.length];
        long given = 0;
        for (int i = 0; i < units.length; i++) {
            BigInteger[] qr = fen.multiply(units[i]).divideAndRemainder(totalUnits);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += parts[i];
        }
        long leftover = fen.longValueExact() - given;
        Integer[] order = IntStream.range(0, units.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < leftover; k++) {
            parts[order[k]]++;
        }
        List<Money> result = new ArrayList<>(parts.length);
        for (long p : parts) {
            result.add(ofFen(p));
        }
        return List.copyOf(result);
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && amount.equals(m.amount);
    }

    @Override
    public int hashCode() {
        return amount.hashCode();
    }

    /** The plain amount with two decimals, such as {@code 1234.50}: the form files and SQL use. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
