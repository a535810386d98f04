package io.medsettle.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The year-end's numbers-only movements keep the record's checks and give the calculator the same order. */
class MovementBufferTest {

    private static final long DAY = LocalDate.of(2026, 3, 1).toEpochDay();

    @Test
    void refusesASignThatDisagreesWithTheKindAsTheRecordDoes() {
        MovementBuffer buffer = new MovementBuffer();
        assertThatThrownBy(() -> buffer.add(AccountMovement.Kind.SPENDING, DAY, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a spending movement is a debit, so its amount cannot be 1.00 (2026-03-01)");
        assertThatThrownBy(() -> buffer.add(AccountMovement.Kind.ALLOCATION, DAY, -1))
                .hasMessage("a allocation movement is a credit, so its amount cannot be -0.01 (2026-03-01)");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void putsMovementsInValueDateOrderKeepingEachDaysOrderAndGrowsPastItsFirstArrays() {
        List<AccountMovement> movements = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            movements.add(new AccountMovement(AccountMovement.Kind.ALLOCATION, LocalDate.ofEpochDay(DAY + i / 2), Money.ofFen(i + 1)));
        }
        MovementBuffer buffer = MovementBuffer.of(movements);
        buffer.sortByDay();

        assertThat(buffer.size()).isEqualTo(100);
        for (int i = 1; i < buffer.size(); i++) {
            assertThat(buffer.day(i)).isGreaterThanOrEqualTo(buffer.day(i - 1));
            if (buffer.day(i) == buffer.day(i - 1)) {
                // Both came on one day: the one added first stays first.
                assertThat(buffer.fen(i)).isLessThan(buffer.fen(i - 1));
            }
        }
        assertThat(buffer.movement(0)).isEqualTo(new AccountMovement(AccountMovement.Kind.ALLOCATION, LocalDate.ofEpochDay(DAY), Money.ofFen(2)));

        buffer.clear();
        buffer.add(AccountMovement.Kind.OPENING, DAY, 5);
        assertThat(buffer.movements()).containsExactly(new AccountMovement(AccountMovement.Kind.OPENING, LocalDate.ofEpochDay(DAY), Money.ofFen(5)));
    }
}
