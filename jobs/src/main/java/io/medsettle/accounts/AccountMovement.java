package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One movement of a member's individual account: signed (a credit is positive, a debit negative), value-dated.
 *
 * <p>The sign must agree with the kind, as the sub-ledger's own check does: openings, allocations,
 * refunds, interest and transfers in are credits, spending and payments out are debits. A movement
 * of the wrong sign is refused here rather than read as the opposite of what its kind says (zero is
 * accepted: it moves nothing).
 */
public record AccountMovement(Kind kind, LocalDate valueDate, Money amount) {

    public enum Kind {
        OPENING, ALLOCATION, SPENDING, REFUND, INTEREST, TRANSFER_IN, PAID_OUT;

        /** Whether a movement of this kind gives money to the member. */
        public boolean credit() {
            return this != SPENDING && this != PAID_OUT;
        }
    }

    public AccountMovement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(amount, "amount");
        if (kind.credit() ? amount.isNegative() : amount.isPositive()) {
            throw wrongSign(kind, valueDate, amount);
        }
    }

    /** What is wrong with a movement whose sign disagrees with its kind ({@link MovementBuffer} says it too). */
    public static IllegalArgumentException wrongSign(Kind kind, LocalDate valueDate, Money amount) {
        return new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " movement is a "
                + (kind.credit() ? "credit" : "debit") + ", so its amount cannot be " + amount + " (" + valueDate + ")");
    }
}
