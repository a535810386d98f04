package io.medsettle.accounts;

import static io.medsettle.accounts.AccountMovement.Kind.ALLOCATION;
import static io.medsettle.accounts.AccountMovement.Kind.INTEREST;
import static io.medsettle.accounts.AccountMovement.Kind.OPENING;
import static io.medsettle.accounts.AccountMovement.Kind.PAID_OUT;
import static io.medsettle.accounts.AccountMovement.Kind.REFUND;
import static io.medsettle.accounts.AccountMovement.Kind.SPENDING;
import static io.medsettle.accounts.AccountMovement.Kind.TRANSFER_IN;
import static io.medsettle.accounts.InterestMethod.DAILY_BALANCE;
import static io.medsettle.accounts.InterestMethod.SPLIT_RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §4 计息, on accounts worked by hand: the comments give every stretch of days, its balance
 * and its product, then the sum, the division by 360 and the one rounding.
 */
class InterestCalculatorTest {

    static LocalDate d(String day) {
        return LocalDate.parse(day);
    }

    static AccountMovement mv(AccountMovement.Kind kind, String day, String amount) {
        return new AccountMovement(kind, d(day), Money.of(amount));
    }

    static InterestRates.Rate rate(String effective, InterestRates.Kind kind, String annual) {
        return new InterestRates.Rate(d(effective), kind, new BigDecimal(annual));
    }

    /**
     * Two rates of each kind, changing in the middle of the year: demand 0.35 % then 0.25 % from
     * 21 May 2026; three-month time 1.35 % then 1.10 % from the same day.
     */
    static final InterestRates RATES = InterestRates.of(List.of(
            rate("2020-01-01", InterestRates.Kind.DEMAND, "0.0035"),
            rate("2026-05-21", InterestRates.Kind.DEMAND, "0.0025"),
            rate("2020-01-01", InterestRates.Kind.TIME_3M, "0.0135"),
            rate("2026-05-21", InterestRates.Kind.TIME_3M, "0.0110")));

    /** Rates that never change: demand 0.35 %, time 1.35 %. */
    static final InterestRates FLAT = InterestRates.of(List.of(
            rate("2020-01-01", InterestRates.Kind.DEMAND, "0.0035"),
            rate("2020-01-01", InterestRates.Kind.TIME_3M, "0.0135")));

    static final InterestCalculator DAILY = new InterestCalculator(DAILY_BALANCE, RATES);
    static final InterestCalculator SPLIT = new InterestCalculator(SPLIT_RATE, RATES);

    /**
     * The account of the main examples: an opening balance of 2000.00 taken over on 31 December 2025,
     * 100.00 allocated on the 10th of every month of 2026, 500.00 spent on 20 March and 120.00 refunded
     * on 5 April.
     */
    static List<AccountMovement> account() {
        List<AccountMovement> movements = new ArrayList<>();
        movements.add(mv(OPENING, "2025-12-31", "2000.00"));
        for (int month = 1; month <= 12; month++) {
            movements.add(mv(ALLOCATION, LocalDate.of(2026, month, 10).toString(), "100.00"));
        }
        movements.add(mv(SPENDING, "2026-03-20", "-500.00"));
        movements.add(mv(REFUND, "2026-04-05", "120.00"));
        movements.sort(java.util.Comparator.comparing(AccountMovement::valueDate));
        return movements;
    }

    @Nested
    @DisplayName("daily_balance (Lianyungang, seed 000 四: 按居民活期存款利率)")
    class DailyBalance {

        @Test
        @DisplayName("credited on 31 December: every day of the year, 31 December included")
        void yearEnd() {
            // B(d) by stretch, days, B × days:
            //   at 0.0035 (1 Jan – 20 May, 140 days):
            //     01-01..01-09  2000.00 ×  9 = 18000
            //     01-10..02-09  2100.00 × 31 = 65100
            //     02-10..03-09  2200.00 × 28 = 61600
            //     03-10..03-19  2300.00 × 10 = 23000
            //     03-20..04-04  1800.00 × 16 = 28800   (− 500.00 spent)
            //     04-05..04-09  1920.00 ×  5 =  9600   (+ 120.00 refunded)
            //     04-10..05-09  2020.00 × 30 = 60600
            //     05-10..05-20  2120.00 × 11 = 23320   → 290020 × 0.0035 = 1015.07
            //   at 0.0025 (21 May – 31 Dec, 225 days):
            //     05-21..06-09  2120.00 × 20 = 42400
            //     06-10..07-09  2220.00 × 30 = 66600
            //     07-10..08-09  2320.00 × 31 = 71920
            //     08-10..09-09  2420.00 × 31 = 75020
            //     09-10..10-09  2520.00 × 30 = 75600
            //     10-10..11-09  2620.00 × 31 = 81220
            //     11-10..12-09  2720.00 × 30 = 81600
            //     12-10..12-31  2820.00 × 22 = 62040   → 556400 × 0.0025 = 1391.00
            // (1015.07 + 1391.00) / 360 = 2406.07 / 360 = 6.683527… → 6.68
            assertThat(DAILY.interest(account(), Crediting.yearEnd(2026))).isEqualTo(Money.of("6.68"));
            assertThat(DAILY.interest(account(), d("2026-01-01"), d("2026-12-31"))).isEqualTo(Money.of("6.68"));
        }

        @Test
        @DisplayName("a closing event on 18 June: the days run to 17 June")
        void closingEvent() {
            Crediting closing = Crediting.closing(d("2026-06-18"));
            assertThat(closing).isEqualTo(new Crediting(d("2026-01-01"), d("2026-06-17"), d("2026-06-18")));
            // at 0.0035 as above: 290020 × 0.0035 = 1015.07
            // at 0.0025: 05-21..06-09 2120.00 × 20 = 42400; 06-10..06-17 2220.00 × 8 = 17760 → 60160 × 0.0025 = 150.40
            // (1015.07 + 150.40) / 360 = 1165.47 / 360 = 3.237416… → 3.24
            assertThat(DAILY.interest(account(), closing)).isEqualTo(Money.of("3.24"));
        }

        @Test
        @DisplayName("an account opened in the middle of the year earns from its opening day")
        void openedInTheYear() {
            List<AccountMovement> movements = List.of(mv(OPENING, "2026-06-15", "1000.00"), mv(ALLOCATION, "2026-07-10", "100.00"));
            // all at 0.0025: 06-15..07-09 1000.00 × 25 = 25000; 07-10..12-31 1100.00 × 175 = 192500
            // 217500 × 0.0025 = 543.75; / 360 = 1.510416… → 1.51
            assertThat(DAILY.interest(movements, Crediting.yearEnd(2026))).isEqualTo(Money.of("1.51"));
        }

        @Test
        @DisplayName("a leap year counts 29 February: 366 days in 2028")
        void leapYear() {
            InterestCalculator daily = new InterestCalculator(DAILY_BALANCE, FLAT);
            List<AccountMovement> movements = List.of(mv(OPENING, "2027-12-31", "1000.00"));
            // 1000.00 × 366 × 0.0035 = 1281.00; / 360 = 3.558333… → 3.56 (365 days would give 1277.50 / 360 → 3.55)
            assertThat(daily.interest(movements, Crediting.yearEnd(2028))).isEqualTo(Money.of("3.56"));
            // closing on 1 March 2028: 1 January – 29 February, 31 + 29 = 60 days: 1000.00 × 60 × 0.0035 = 210.00;
            // / 360 = 0.583333… → 0.58 (59 days: 206.50 / 360 → 0.57)
            assertThat(daily.interest(movements, Crediting.closing(d("2028-03-01")))).isEqualTo(Money.of("0.58"));
        }

        @Test
        @DisplayName("interest credited in an earlier year is part of the balance")
        void earlierInterest() {
            List<AccountMovement> movements = List.of(mv(OPENING, "2024-12-31", "1000.00"), mv(INTEREST, "2025-12-31", "10.00"));
            // 1 – 10 January: 1010.00 × 10 × 0.0035 = 35.35; / 360 = 0.098194… → 0.10
            assertThat(DAILY.interest(movements, d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("0.10"));
        }
    }

    @Nested
    @DisplayName("split_rate (national rule; Langfang seed 002 第三十八条, assumed for Yantai and Zhenjiang)")
    class SplitRate {

        @Test
        @DisplayName("credited on 31 December: carried at the time rate, the year's allocations and refunds at the demand rate")
        void yearEnd() {
            // carried = 2000.00 (the opening, held at the end of 2025); current = the 2026 allocations and refund.
            // 20 March: 500.00 spent takes the current 300.00, then 200.00 of carried → current 0, carried 1800.00.
            //   stretch        current × days            carried × days
            //   at demand 0.0035 / time 0.0135 (140 days):
            //   01-01..01-09     0.00 ×  9 =     0     2000.00 ×  9
            //   01-10..02-09   100.00 × 31 =  3100     2000.00 × 31
            //   02-10..03-09   200.00 × 28 =  5600     2000.00 × 28
            //   03-10..03-19   300.00 × 10 =  3000     2000.00 × 10   → 2000.00 × 78 = 156000
            //   03-20..04-04     0.00 × 16 =     0     1800.00 × 16
            //   04-05..04-09   120.00 ×  5 =   600     1800.00 ×  5
            //   04-10..05-09   220.00 × 30 =  6600     1800.00 × 30
            //   05-10..05-20   320.00 × 11 =  3520     1800.00 × 11   → 1800.00 × 62 = 111600
            //   current 22420 × 0.0035 = 78.47; carried 267600 × 0.0135 = 3612.60
            //   at demand 0.0025 / time 0.0110 (225 days):
            //   05-21..06-09   320.00 × 20 =  6400
            //   06-10..07-09   420.00 × 30 = 12600
            //   07-10..08-09   520.00 × 31 = 16120
            //   08-10..09-09   620.00 × 31 = 19220
            //   09-10..10-09   720.00 × 30 = 21600
            //   10-10..11-09   820.00 × 31 = 25420
            //   11-10..12-09   920.00 × 30 = 27600
            //   12-10..12-31  1020.00 × 22 = 22440                  carried 1800.00 × 225 = 405000
            //   current 151400 × 0.0025 = 378.50; carried 405000 × 0.0110 = 4455.00
            // (78.47 + 3612.60 + 378.50 + 4455.00) / 360 = 8524.57 / 360 = 23.679361… → 23.68
            assertThat(SPLIT.interest(account(), Crediting.yearEnd(2026))).isEqualTo(Money.of("23.68"));
        }

        @Test
        @DisplayName("a closing event on 18 June: the days run to 17 June")
        void closingEvent() {
            // before 21 May as above: 78.47 + 3612.60
            // from 21 May: current 320.00 × 20 = 6400 + 420.00 × 8 = 3360 → 9760 × 0.0025 = 24.40;
            //              carried 1800.00 × 28 = 50400 × 0.0110 = 554.40
            // (78.47 + 3612.60 + 24.40 + 554.40) / 360 = 4269.87 / 360 = 11.860750 → 11.86
            assertThat(SPLIT.interest(account(), Crediting.closing(d("2026-06-18")))).isEqualTo(Money.of("11.86"));
        }

        @Test
        @DisplayName("a debit that exhausts the current part takes the rest from carried; credits of the day come first")
        void debitTakesCurrentThenCarried() {
            InterestCalculator split = new InterestCalculator(SPLIT_RATE, FLAT);
            // 1 January: 2000.00 allocated (current) and 3000.00 spent the same day. Credits first: current 2000.00
            // is taken whole, then 1000.00 of carried 10000.00 → current 0, carried 9000.00.
            List<AccountMovement> movements = List.of(mv(OPENING, "2025-06-30", "10000.00"),
                    mv(SPENDING, "2026-01-01", "-3000.00"), mv(ALLOCATION, "2026-01-01", "2000.00"));
            // 1 – 10 January: 9000.00 × 10 × 0.0135 = 1215.00; / 360 = 3.375 → 3.38
            // (the debit first would leave current 2000.00 and carried 7000.00: 70.00 + 945.00 = 1015.00 → 2.82)
            assertThat(split.interest(movements, d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("3.38"));

            // A debit smaller than the current part leaves carried whole: 2000.00 − 500.00 = 1500.00 current.
            List<AccountMovement> small = List.of(mv(OPENING, "2025-06-30", "10000.00"),
                    mv(SPENDING, "2026-01-01", "-500.00"), mv(ALLOCATION, "2026-01-01", "2000.00"));
            // 1500.00 × 10 × 0.0035 = 52.50; 10000.00 × 10 × 0.0135 = 1350.00; 1402.50 / 360 = 3.895833… → 3.90
            assertThat(split.interest(small, d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("3.90"));
        }

        @Test
        @DisplayName("a transfer in counts as carried, whenever in the year it comes; an allocation as current")
        void transferInIsCarried() {
            InterestCalculator split = new InterestCalculator(SPLIT_RATE, FLAT);
            // 1 – 28 February: 5000.00 × 28 × 0.0135 = 1890.00; / 360 = 5.25
            List<AccountMovement> transfer = List.of(mv(TRANSFER_IN, "2026-02-01", "5000.00"));
            assertThat(split.interest(transfer, d("2026-01-01"), d("2026-02-28"))).isEqualTo(Money.of("5.25"));
            // the same money allocated: 5000.00 × 28 × 0.0035 = 490.00; / 360 = 1.361111… → 1.36
            List<AccountMovement> allocation = List.of(mv(ALLOCATION, "2026-02-01", "5000.00"));
            assertThat(split.interest(allocation, d("2026-01-01"), d("2026-02-28"))).isEqualTo(Money.of("1.36"));
            // by daily balance both earn the demand rate: 1.36
            InterestCalculator daily = new InterestCalculator(DAILY_BALANCE, FLAT);
            assertThat(daily.interest(transfer, d("2026-01-01"), d("2026-02-28"))).isEqualTo(Money.of("1.36"));
        }

        @Test
        @DisplayName("an account opened in the middle of the year: the opening is carried, later allocations current")
        void openedInTheYear() {
            List<AccountMovement> movements = List.of(mv(OPENING, "2026-06-15", "1000.00"), mv(ALLOCATION, "2026-07-10", "100.00"));
            // carried 1000.00 × 200 days (06-15..12-31: 16 + 31 + 31 + 30 + 31 + 30 + 31) = 200000 × 0.0110 = 2200.00
            // current 100.00 × 175 days (07-10..12-31: 22 + 31 + 30 + 31 + 30 + 31) = 17500 × 0.0025 = 43.75
            // 2243.75 / 360 = 6.232638… → 6.23
            assertThat(SPLIT.interest(movements, Crediting.yearEnd(2026))).isEqualTo(Money.of("6.23"));
        }

        @Test
        @DisplayName("a leap year counts 29 February, and half a fen rounds up")
        void leapYear() {
            InterestCalculator split = new InterestCalculator(SPLIT_RATE, FLAT);
            // carried 1000.00 × 366 × 0.0135 = 4941.00; / 360 = 13.725 exactly → 13.73 (HALF_EVEN would give 13.72)
            assertThat(split.interest(List.of(mv(OPENING, "2027-12-31", "1000.00")), Crediting.yearEnd(2028)))
                    .isEqualTo(Money.of("13.73"));
        }

        @Test
        @DisplayName("interest credited in an earlier year is carried; the year's refund is current")
        void earlierInterestIsCarried() {
            List<AccountMovement> movements = List.of(mv(OPENING, "2024-12-31", "1000.00"), mv(INTEREST, "2025-12-31", "10.00"),
                    mv(REFUND, "2026-01-01", "300.00"));
            // 1 – 10 January: carried 1010.00 × 10 × 0.0135 = 136.35; current 300.00 × 10 × 0.0035 = 10.50
            // 146.85 / 360 = 0.407916… → 0.41
            assertThat(SPLIT.interest(movements, d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("0.41"));
        }

        @Test
        @DisplayName("the parts are the year's: last year's allocations are carried this year")
        void lastYearsAllocationsAreCarried() {
            List<AccountMovement> movements = List.of(mv(ALLOCATION, "2025-03-10", "1000.00"), mv(SPENDING, "2025-04-01", "-200.00"));
            // carried 800.00 × 10 × 0.0135 = 108.00; / 360 = 0.30
            assertThat(SPLIT.interest(movements, d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("0.30"));
        }

        @Test
        @DisplayName("from and through must lie in one year")
        void oneYear() {
            assertThatThrownBy(() -> SPLIT.interest(account(), d("2026-12-01"), d("2027-01-05")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("split_rate interest runs within one year, not from 2026-12-01 through 2027-01-05");
        }
    }

    @Nested
    @DisplayName("both methods")
    class Both {

        @Test
        @DisplayName("no rate for a day fails, naming the kind and the day")
        void noRate() {
            InterestRates late = InterestRates.of(List.of(rate("2026-03-01", InterestRates.Kind.DEMAND, "0.0035")));
            assertThatThrownBy(() -> new InterestCalculator(DAILY_BALANCE, late).interest(account(), Crediting.yearEnd(2026)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no demand interest rate on 2026-01-01: the earliest demand rate is effective 2026-03-01");
            InterestRates demandOnly = InterestRates.of(List.of(rate("2020-01-01", InterestRates.Kind.DEMAND, "0.0035")));
            assertThatThrownBy(() -> new InterestCalculator(SPLIT_RATE, demandOnly).interest(account(), Crediting.yearEnd(2026)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no time_3m interest rate on 2026-01-01: interest-rates.csv has no time_3m rate");
            // an empty account fails the same way: the rates are missing whatever the account holds
            assertThatThrownBy(() -> new InterestCalculator(DAILY_BALANCE, late).interest(List.of(), Crediting.yearEnd(2026)))
                    .isInstanceOf(IllegalStateException.class);
            // daily_balance needs no time rate
            assertThat(new InterestCalculator(DAILY_BALANCE, demandOnly).interest(List.of(mv(OPENING, "2025-12-31", "3600.00")),
                    d("2026-01-01"), d("2026-01-10"))).isEqualTo(Money.of("0.35")); // 3600 × 10 × 0.0035 = 126 / 360
        }

        @Test
        @DisplayName("a debit larger than the day's balance fails, naming it")
        void overdrawn() {
            List<AccountMovement> movements = List.of(mv(OPENING, "2025-12-31", "100.00"), mv(ALLOCATION, "2026-02-01", "20.00"),
                    mv(SPENDING, "2026-02-01", "-50.00"), mv(SPENDING, "2026-02-01", "-80.00"));
            for (InterestCalculator calculator : List.of(DAILY, SPLIT)) {
                assertThatThrownBy(() -> calculator.interest(movements, Crediting.yearEnd(2026)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("the spending of -80.00 on 2026-02-01 takes more than the account holds that day (70.00): "
                                + "the ledger never posts such a debit");
            }
            // before the days counted as well: the movements are not an account's
            List<AccountMovement> earlier = List.of(mv(OPENING, "2024-12-31", "100.00"), mv(PAID_OUT, "2025-05-05", "-100.01"));
            assertThatThrownBy(() -> SPLIT.interest(earlier, Crediting.yearEnd(2026)))
                    .hasMessageStartingWith("the paid_out of -100.01 on 2025-05-05 takes more");
            // the day's credits come first: 100.00 + 20.00 + 30.00 covers 150.00 spent the same day
            List<AccountMovement> covered = List.of(mv(OPENING, "2025-12-31", "100.00"), mv(SPENDING, "2026-02-01", "-150.00"),
                    mv(ALLOCATION, "2026-02-01", "20.00"), mv(REFUND, "2026-02-01", "30.00"));
            assertThat(DAILY.interest(covered, Crediting.yearEnd(2026))).isEqualTo(Money.of("0.03")); // 100 × 31 × 0.0035 = 10.85 / 360
        }

        @Test
        @DisplayName("movements after the last day are ignored; the order of the list does not matter")
        void afterAndOrder() {
            List<AccountMovement> withLater = new ArrayList<>(account());
            withLater.add(mv(INTEREST, "2026-12-31", "23.68"));
            withLater.add(mv(ALLOCATION, "2027-01-10", "100.00"));
            assertThat(SPLIT.interest(withLater, Crediting.closing(d("2026-06-18")))).isEqualTo(Money.of("11.86"));
            assertThat(DAILY.interest(withLater, Crediting.closing(d("2026-06-18")))).isEqualTo(Money.of("3.24"));
            List<AccountMovement> shuffled = new ArrayList<>(account());
            Collections.reverse(shuffled);
            assertThat(SPLIT.interest(shuffled, Crediting.yearEnd(2026))).isEqualTo(Money.of("23.68"));
            assertThat(DAILY.interest(shuffled, Crediting.yearEnd(2026))).isEqualTo(Money.of("6.68"));
        }

        @Test
        @DisplayName("no day, no interest: through before from, or a closing on 1 January")
        void noDays() {
            assertThat(SPLIT.interest(account(), d("2026-05-01"), d("2026-04-30"))).isEqualTo(Money.ZERO);
            assertThat(DAILY.interest(account(), Crediting.closing(d("2027-01-01")))).isEqualTo(Money.ZERO);
            assertThat(DAILY.interest(List.of(), Crediting.yearEnd(2026))).isEqualTo(Money.ZERO);
        }

        @Test
        @DisplayName("a movement's sign must agree with its kind")
        void signs() {
            assertThatThrownBy(() -> mv(SPENDING, "2026-01-01", "5.00"))
                    .hasMessage("a spending movement is a debit, so its amount cannot be 5.00 (2026-01-01)");
            assertThatThrownBy(() -> mv(REFUND, "2026-01-01", "-5.00"))
                    .hasMessage("a refund movement is a credit, so its amount cannot be -5.00 (2026-01-01)");
        }
    }

    @Nested
    @DisplayName("InterestRates")
    class Rates {

        @Test
        @DisplayName("a kind's rate on a day is the row with the latest effective date on or before it")
        void latestOnOrBefore() {
            assertThat(RATES.on(InterestRates.Kind.DEMAND, d("2026-05-20"))).isEqualByComparingTo("0.0035");
            assertThat(RATES.on(InterestRates.Kind.DEMAND, d("2026-05-21"))).isEqualByComparingTo("0.0025");
            assertThat(RATES.on(InterestRates.Kind.TIME_3M, d("2030-01-01"))).isEqualByComparingTo("0.0110");
            assertThatThrownBy(() -> RATES.on(InterestRates.Kind.TIME_3M, d("2019-12-31")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no time_3m interest rate on 2019-12-31: the earliest time_3m rate is effective 2020-01-01");
        }

        @Test
        @DisplayName("two rows of one kind on one day are refused; kinds read as the file writes them")
        void duplicates() {
            assertThatThrownBy(() -> InterestRates.of(List.of(rate("2026-01-01", InterestRates.Kind.DEMAND, "0.0035"),
                    rate("2026-01-01", InterestRates.Kind.DEMAND, "0.0030"))))
                    .hasMessage("two demand rates effective 2026-01-01");
            assertThat(InterestRates.Kind.of("time_3m")).isEqualTo(InterestRates.Kind.TIME_3M);
            assertThatThrownBy(() -> InterestRates.Kind.of("time_6m")).hasMessageContaining("demand or time_3m");
        }
    }
}
