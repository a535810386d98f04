package io.medsettle.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §2 on hand-worked examples (seed 000, 结算办法 二: 均值结算, 总额控制, 预留10%).
 * Every expected figure below was computed by hand; the comments show the arithmetic.
 */
class MonthlySettlementTest {

    private static final Holdback TEN_PERCENT = new Holdback(new BigDecimal("0.10"));

    private static InstitutionMonth month(String code, long discharges, String average, String selfPay) {
        return new InstitutionMonth(code, "医院" + code, discharges, Money.of(average), Money.of(selfPay),
                Money.ZERO, Money.ZERO, Money.ZERO);
    }

    private static InstitutionMonth withDue(String code, String due) {
        // One discharge at an average equal to the due and no self-pay: the due is exactly `due`.
        return month(code, 1, due, "0");
    }

    private static List<SettlementLine> settle(Optional<String> control, InstitutionMonth... months) {
        return new MonthlySettlement(new DueRule(SettlementMethod.AVERAGE_COST),
                new BudgetControl(control.map(Money::of)), TEN_PERCENT).settle(List.of(months));
    }

    @Test
    @DisplayName("under the control total every institution is allocated its due; 90 % is paid now")
    void underBudget() {
        List<SettlementLine> lines = settle(Optional.of("100000.00"),
                month("H1", 10, "8000.00", "12345.67"),   // 80000.00 − 12345.67 = 67654.33
                month("H2", 4, "5000.00", "3000.00"));    // 20000.00 − 3000.00 = 17000.00

        SettlementLine h1 = lines.get(0);
        assertThat(h1.averageAmount()).isEqualTo(Money.of("80000.00"));
        assertThat(h1.due()).isEqualTo(Money.of("67654.33"));
        assertThat(h1.allocated()).isEqualTo(Money.of("67654.33"));
        assertThat(h1.unpaidOverBudget()).isEqualTo(Money.ZERO);
        // round2(0.9 × 67654.33) = round2(60888.897) = 60888.90; held 67654.33 − 60888.90 = 6765.43
        assertThat(h1.paidNow()).isEqualTo(Money.of("60888.90"));
        assertThat(h1.heldBack()).isEqualTo(Money.of("6765.43"));
        assertThat(lines.get(1).allocated()).isEqualTo(Money.of("17000.00"));
    }

    @Test
    @DisplayName("over the control total the dues are cut pro rata and the cut is recorded as unpaid")
    void overBudget() {
        List<SettlementLine> lines = settle(Optional.of("90000.00"),
                withDue("H1", "60000.00"), withDue("H2", "30000.00"), withDue("H3", "10000.00"));

        // 90000 × 60000 / 100000 = 54000 and so on: exact, no remainder.
        assertThat(lines).extracting(SettlementLine::allocated)
                .containsExactly(Money.of("54000.00"), Money.of("27000.00"), Money.of("9000.00"));
        assertThat(lines).extracting(SettlementLine::unpaidOverBudget)
                .containsExactly(Money.of("6000.00"), Money.of("3000.00"), Money.of("1000.00"));
    }

    @Test
    @DisplayName("largest remainder: the leftover fen go to the largest remainders")
    void largestRemainder() {
        List<SettlementLine> lines = settle(Optional.of("1000.00"),
                withDue("A", "1000.00"), withDue("B", "2000.00"), withDue("C", "4000.00"));

        // Σ due 7000 > 1000: quotas 142.857142.., 285.714285.., 571.428571..; floors 142.85 + 285.71 + 571.42 = 999.98.
        // The 2 fen left go to C (remainder .857) and A (.714), not B (.428).
        assertThat(lines).extracting(SettlementLine::allocated)
                .containsExactly(Money.of("142.86"), Money.of("285.71"), Money.of("571.43"));
        assertThat(Money.sum(lines.stream().map(SettlementLine::allocated).toList())).isEqualTo(Money.of("1000.00"));
    }

    @Test
    @DisplayName("ties in the remainder go to the smaller institution code, whatever the input order")
    void tiesToTheSmallerCode() {
        List<SettlementLine> lines = settle(Optional.of("100.00"),
                withDue("H3", "100.00"), withDue("H1", "100.00"), withDue("H2", "100.00"));

        // 33.333.. each: floors 33.33 × 3 = 99.99, the one fen left goes to H1.
        assertThat(lines).extracting(SettlementLine::code).containsExactly("H1", "H2", "H3");
        assertThat(lines).extracting(SettlementLine::allocated)
                .containsExactly(Money.of("33.34"), Money.of("33.33"), Money.of("33.33"));
    }

    @Test
    @DisplayName("a negative average-cost figure is reported, never allocated")
    void negativeDue() {
        List<SettlementLine> lines = settle(Optional.of("10.00"),
                month("H1", 2, "3000.00", "7000.50"),     // 6000.00 − 7000.50 = −1000.50
                withDue("H2", "20.00"));

        SettlementLine h1 = lines.get(0);
        assertThat(h1.computedDue()).isEqualTo(Money.of("-1000.50"));
        assertThat(h1.negativeDue()).isTrue();
        assertThat(h1.due()).isEqualTo(Money.ZERO);
        assertThat(h1.allocated()).isEqualTo(Money.ZERO);
        // Only H2's 20.00 competes for the 10.00 control total.
        assertThat(lines.get(1).allocated()).isEqualTo(Money.of("10.00"));
        assertThat(lines.get(1).unpaidOverBudget()).isEqualTo(Money.of("10.00"));
    }

    @Test
    @DisplayName("an institution with no discharges still settles its account payments, held back the same way")
    void noDischargesButAccountPayments() {
        InstitutionMonth pharmacy = new InstitutionMonth("P1", "药店", 0, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.of("33.35"));

        SettlementLine line = settle(Optional.empty(), pharmacy).get(0);

        assertThat(line.due()).isEqualTo(Money.ZERO);
        // round2(0.9 × 33.35) = round2(30.015) = 30.02 (HALF_UP); held 3.33
        assertThat(line.account()).isEqualTo(new Holdback.Split(Money.of("30.02"), Money.of("3.33")));
        assertThat(line.paidNow()).isEqualTo(Money.of("30.02"));
    }

    @Test
    @DisplayName("the holdback is split per stream and summed, not taken on the total")
    void holdbackPerStream() {
        InstitutionMonth month = new InstitutionMonth("H1", "医院", 1, Money.of("0.05"), Money.ZERO, Money.ZERO,
                Money.of("0.05"), Money.of("0.05"));

        SettlementLine line = settle(Optional.empty(), month).get(0);

        // Each stream: round2(0.9 × 0.05) = round2(0.045) = 0.05 paid, 0.00 held. On the total 0.15 it
        // would be 0.14 / 0.01: the per-stream rule pays 0.15 and holds nothing.
        assertThat(line.paidNow()).isEqualTo(Money.of("0.15"));
        assertThat(line.heldBack()).isEqualTo(Money.ZERO);
    }

    @Test
    @DisplayName("fee-for-service: the due is the recomputed fund payment")
    void feeForService() {
        InstitutionMonth month = new InstitutionMonth("H1", "医院", 3, Money.of("9999.00"), Money.of("500.00"),
                Money.of("12345.60"), Money.ZERO, Money.ZERO);

        SettlementLine line = new MonthlySettlement(new DueRule(SettlementMethod.FEE_FOR_SERVICE),
                new BudgetControl(Optional.empty()), TEN_PERCENT).settle(List.of(month)).get(0);

        assertThat(line.averageAmount()).isEqualTo(Money.ZERO);
        assertThat(line.due()).isEqualTo(Money.of("12345.60"));
        assertThat(line.pooled()).isEqualTo(new Holdback.Split(Money.of("11111.04"), Money.of("1234.56")));
    }
}
