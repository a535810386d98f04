package io.medsettle.monthend;

import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.holdbackPayable;
import static io.medsettle.ledger.ChartOfAccounts.unpaidOverBudget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.ClosedPeriodException;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.settlement.SettlementMethod;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.support.MedsettleSpringTest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class MonthEndRunsTest extends MedsettleSpringTest {

    private static final MonthEndRuns.Policy POLICY =
            new MonthEndRuns.Policy("test", SettlementMethod.AVERAGE_COST, new BigDecimal("0.10"),
                    PolicyProfiles.load(Path.of("../config/policies"), "lianyungang-2000").accounts().allocation());
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    @Autowired
    MonthEndRuns runs;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPreviewPostsNothingAndApprovalPostsEveryLineOnceAndClosesThePeriod() {
        jdbc.update("""
                insert into institution (fixmedins_code, valid_from, fixmedins_name, hosp_lv, inst_kind, loaded_at)
                values ('HME1', date '0001-01-01', '甲医院', 3, 'general', now()),
                       ('HME2', date '0001-01-01', '乙医院', 2, 'general', now())""");
        jdbc.update("insert into approved_average values ('HME1', 2026, 10000.00, now()), ('HME2', 2026, 5000.00, now())");
        jdbc.update("insert into budget values (2026, 3, 12000.00, now())");
        long file = jdbc.queryForObject("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at, finished_at)
                values (?, 'HME1', '2026-03', 'f.csv', 'LOADED', now(), now()) returning file_id""", Long.class, "c".repeat(64));
        // HME1: one discharge, member self-pay 10 + 3000 − 2000 = 1010.00 → due 10000 − 1010 = 8990.00
        // HME2: one discharge, member self-pay 10 + 800 − 500 = 310.00 → due 5000 − 310 = 4690.00
        insertSettlement(file, "HME1", "S1", "3000.00", "2000.00");
        insertSettlement(file, "HME2", "S2", "800.00", "500.00");

        MonthEndRuns.Run preview = runs.preview(MARCH, POLICY);
        assertThat(preview.approved()).isFalse();
        assertThat(ledger.find(io.medsettle.settlement.SettlementPostings.key(MARCH, "HME1", "pooled"))).isEmpty();

        MonthEndRuns.Run run = runs.approve(MARCH, POLICY);

        // Σ due 13680.00 > 12000.00: quotas 12000 × 8990 / 13680 = 7885.9649.. and 4114.0350..
        // floors 7885.96 + 4114.03 = 11999.99; the last fen goes to the larger remainder, HME2 (.5087 > .4912)
        SettlementLine h1 = run.lines().get(0);
        SettlementLine h2 = run.lines().get(1);
        assertThat(h1.allocated().plus(h2.allocated())).isEqualTo(Money.of("12000.00"));
        assertThat(h1.allocated()).isEqualTo(Money.of("7885.96"));
        assertThat(h2.allocated()).isEqualTo(Money.of("4114.04"));
        assertThat(h1.unpaidOverBudget()).isEqualTo(Money.of("1104.04"));
        // Statement figures come back out of the ledger.
        LocalDate end = MARCH.atEndOfMonth();
        assertThat(ledger.balance(holdbackPayable("HME1"), end).negate()).isEqualTo(h1.heldBack());
        assertThat(ledger.balance(unpaidOverBudget("HME1"), end).negate()).isEqualTo(h1.unpaidOverBudget());
        // Other tests share the database: the month's movement, not the balance, is this run's payment.
        Money paidOut = ledger.balance(BANK_EXPENDITURE, MARCH.minusMonths(1).atEndOfMonth())
                .minus(ledger.balance(BANK_EXPENDITURE, end));
        assertThat(paidOut).isEqualTo(h1.paidNow().plus(h2.paidNow()));
        assertThat(ledger.trialBalance(end).isBalanced()).isTrue();
        assertThat(ledger.isClosed(MARCH)).isTrue();

        assertThatThrownBy(() -> runs.approve(MARCH, POLICY))
                .isInstanceOf(ClosedPeriodException.class)
                .hasMessageContaining("2026-03")
                .hasMessageContaining("approved before");
    }

    private void insertSettlement(long file, String institution, String setlId, String inscp, String hifp) {
        jdbc.update("""
                insert into settlement (fixmedins_code, setl_id, file_id, line_no, mdtrt_id, psn_no, med_type, begndate,
                    enddate, setl_time, period, benefit_year, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, clab_amt,
                    nego_antitumor_amt, implant_dom_amt, implant_jv_amt, implant_imp_amt, lrg_equip_amt, transplant_amt,
                    chemo_flag, offsite_type, refd_setl_flag, eligible, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
                    hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag)
                values (?, ?, ?, 1, ?, 'P1', '21', date '2026-03-01', date '2026-03-05', timestamp '2026-03-05 10:00',
                    '2026-03', 2026, 5000, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'local', false, true, 10.00, ?::numeric, 0,
                    ?::numeric, 0, 0, 0, 0, false)""",
                institution, setlId, file, "M" + setlId, inscp, hifp);
    }
}
