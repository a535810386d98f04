package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One account's movements held as numbers: the value date as an epoch day, the amount in fen and the
 * kind, side by side in arrays that are kept and refilled account after account.
 *
 * <p>Why not a list of {@link AccountMovement}s: the year-end reads fifteen million movements, and a
 * record, a {@code Money} and a {@code LocalDate} for each of them cost its readers about a fifth of
 * their time (docs/benchmarks.md, year-end, sixth version). The calculator needs only the numbers.
 * The same checks hold as for a movement: the sign must agree with the kind.
 *
 * <p>Not for sharing between threads: one reader fills one buffer, hands it to the calculator and
 * clears it for the next account.
 */
public final class MovementBuffer {

    private static final AccountMovement.Kind[] KINDS = AccountMovement.Kind.values();

    private long[] days = new long[32];
    private long[] fen = new long[32];
    private byte[] kinds = new byte[32];
    private int size;
    private boolean ordered = true;

    /** The movements of a list, in its order. */
    public static MovementBuffer of(List<AccountMovement> movements) {
        MovementBuffer buffer = new MovementBuffer();
        for (AccountMovement m : movements) {
            buffer.add(m.kind(), m.valueDate().toEpochDay(), m.amount().fen());
        }
        return buffer;
    }

    /** Empties the buffer for the next account; its arrays are kept. */
    public void clear() {
        size = 0;
        ordered = true;
    }

    /**
     * Adds a movement: its kind, its value date as {@link LocalDate#toEpochDay()} and its signed amount in fen.
     *
     * @throws IllegalArgumentException when the sign disagrees with the kind, as {@link AccountMovement} says it
     */
    public void add(AccountMovement.Kind kind, long epochDay, long amountInFen) {
        if (kind.credit() ? amountInFen < 0 : amountInFen > 0) {
            throw AccountMovement.wrongSign(kind, LocalDate.ofEpochDay(epochDay), Money.ofFen(amountInFen));
        }
        if (size == days.length) {
            int grown = size * 2;
            days = Arrays.copyOf(days, grown);
            fen = Arrays.copyOf(fen, grown);
            kinds = Arrays.copyOf(kinds, grown);
        }
        if (size > 0 && epochDay < days[size - 1]) {
            ordered = false;
        }
        days[size] = epochDay;
        fen[size] = amountInFen;
        kinds[size] = (byte) kind.ordinal();
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The value date of the {@code i}th movement, as an epoch day. */
    public long day(int i) {
        return days[i];
    }

    /** The signed amount of the {@code i}th movement, in fen. */
    public long fen(int i) {
        return fen[i];
    }

    public AccountMovement.Kind kind(int i) {
        return KINDS[kinds[i]];
    }

    /** The {@code i}th movement as a record, for messages and tests. */
    public AccountMovement movement(int i) {
        return new AccountMovement(kind(i), LocalDate.ofEpochDay(days[i]), Money.ofFen(fen[i]));
    }

    /** The movements as records, in the buffer's order. */
    public List<AccountMovement> movements() {
        List<AccountMovement> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(movement(i));
        }
        return list;
    }

    /**
     * Puts the movements in value-date order, keeping the order of a day's movements (a stable sort:
     * a message about a day's debits names them as they came). The sub-ledger's readers give them in
     * this order already, and then nothing moves.
     */
    void sortByDay() {
        if (ordered) {
            return;
        }
        // An insertion sort: stable, in place, and an account has a few dozen movements.
        for (int i = 1; i < size; i++) {
            long day = days[i];
            long amount = fen[i];
            byte kind = kinds[i];
            int j = i - 1;
            while (j >= 0 && days[j] > day) {
                days[j + 1] = days[j];
                fen[j + 1] = fen[j];
                kinds[j + 1] = kinds[j];
                j--;
            }
            days[j + 1] = day;
            fen[j + 1] = amount;
            kinds[j + 1] = kind;
        }
        ordered = true;
    }
}
