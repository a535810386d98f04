package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;
import io.medsettle.settlement.InstitutionMonth;
import io.medsettle.support.MedsettleSpringTest;

import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class PeriodFiguresTest extends MedsettleSpringTest {

    @Autowired
    PeriodFigures figures;

    @Autowired
    JdbcTemplate jdbc;

    private long file(String sha, String period, String finishedAt) {
        return jdbc.queryForObject("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at, finished_at)
                values (?, 'HPF1', ?, 'f.csv', 'LOADED', now(), ?::timestamptz) returning file_id""",
                Long.class, sha, period, finishedAt);
    }

    /** A settlement with fund pay `hifp`, in-scope cost `inscp`, pre-self-pay 10.00 and no over-cap. */
    private void settlement(long file, String setlId, String mdtrt, String period, String inscp, String hifp,
                            boolean cancels, String original) {
        jdbc.update("""
                insert into settlement (fixmedins_code, setl_id, file_id, line_no, mdtrt_id, psn_no, med_type, begndate,
                    enddate, setl_time, period, benefit_year, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, clab_amt,
                    nego_antitumor_amt, implant_dom_amt, implant_jv_amt, implant_imp_amt, lrg_equip_amt, transplant_amt,
                    chemo_flag, offsite_type, refd_setl_flag, init_setl_id, eligible, preselfpay_amt, inscp_scp_amt,
                    act_pay_dedc, hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag)
                values ('HPF1', ?, ?, 1, ?, 'P1', '21', date '2026-01-05', date '2026-01-10', timestamp '2026-01-10 10:00',
                    ?, 2026, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'local', ?, ?, true, 10.00, ?::numeric, 0, ?::numeric,
                    0, 0, 0, 0, false)""",
                setlId, file, mdtrt, period, cancels, original, inscp, hifp);
    }

    @BeforeEach
    void institutions() {
        if (jdbc.queryForObject("select count(*) from institution where fixmedins_code = 'HPF1'", Integer.class) == 0) {
            jdbc.update("""
                    insert into institution (fixmedins_code, valid_from, fixmedins_name, hosp_lv, inst_kind, loaded_at)
                    values ('HPF1', date '0001-01-01', '甲医院', 2, 'general', now()),
                           ('HPF2', date '0001-01-01', '乙药店', 1, 'pharmacy', now())""");
            jdbc.update("insert into approved_average values ('HPF1', 2026, 5000.00, now())");
        }
    }

    @Test
    void countsThePeriodsSettlementsLessThoseCancelledAndAdjustsForLateCancellationsOfClosedPeriods() {
        long january = file("a".repeat(64), "2026-01", "2026-02-01 00:00+08");
        settlement(january, "S1", "M1", "2026-01", "800.00", "600.00", false, null);
        settlement(january, "S2", "M2", "2026-01", "500.00", "300.00", false, null);
        // January is settled and approved on 11 February.
        jdbc.update("""
                insert into month_end_run (period, status, profile, method, holdback_rate, computed_at, approved_at)
                values ('2026-01', 'APPROVED', 'test', 'AVERAGE_COST', 0.10, now(), timestamptz '2026-02-11 10:00+08')""");
        long february = file("b".repeat(64), "2026-02", "2026-03-02 00:00+08");
        settlement(february, "S3", "M3", "2026-02", "1000.00", "900.00", false, null);
        settlement(february, "S4", "M4", "2026-02", "200.00", "150.00", false, null);
        // S4 is cancelled within February; S2 (January, closed) is cancelled late, in February's file.
        settlement(february, "C4", "M4", "2026-02", "200.00", "150.00", true, "S4");
        settlement(february, "C2", "M2", "2026-02", "500.00", "300.00", true, "S2");

        List<InstitutionMonth> months = figures.of(YearMonth.of(2026, 2));

        assertThat(months).extracting(InstitutionMonth::code).containsExactly("HPF1", "HPF2");
        InstitutionMonth h1 = months.get(0);
        // S3 counts; S4 and its cancellation C4 do not; S2 comes back negated as an adjustment.
        assertThat(h1.discharges()).isEqualTo(1 - 1);
        assertThat(h1.actualFundPay()).isEqualTo(Money.of("600.00"));          // 900 − 300
        // member self-pay per row: 10 + inscp − hifp → S3: 110.00, S2: 210.00 negated
        assertThat(h1.memberSelfPay()).isEqualTo(Money.of("-100.00"));
        assertThat(h1.approvedAverage()).isEqualTo(Money.of("5000.00"));
        assertThat(figures.adjustments(YearMonth.of(2026, 2))).singleElement().satisfies(adjustment -> {
            assertThat(adjustment.originalSetlId()).isEqualTo("S2");
            assertThat(adjustment.originalPeriod()).isEqualTo(YearMonth.of(2026, 1));
            assertThat(adjustment.fundPay()).isEqualTo(Money.of("-300.00"));
        });
        InstitutionMonth pharmacy = months.get(1);
        assertThat(pharmacy.discharges()).isZero();
        assertThat(pharmacy.approvedAverage()).isEqualTo(Money.ZERO);
    }
}
