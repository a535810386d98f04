package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.time.LocalDate;

/** One movement of a member's individual account: signed (a credit is positive, a debit negative), value-dated. */
public record AccountMovement(Kind kind, LocalDate valueDate, Money amount) {
    public enum Kind { OPENING, ALLOCATION, SPENDING, REFUND, INTEREST, TRANSFER_IN, PAID_OUT }
}
