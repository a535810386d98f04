package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.support.MedsettleSpringTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database's own guards around loaded settlements (V5 and V7): a settlement names a file the
 * registry knows (checked per statement, not per row), the registry never forgets a file, and a
 * loaded settlement is never changed: the application's role may not even ask, and the triggers
 * refuse the schema's owner.
 */
class SettlementGuardsTest extends MedsettleSpringTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final String SETTLEMENT = """
            insert into settlement (fixmedins_code, setl_id, file_id, line_no, mdtrt_id, psn_no, med_type, begndate,
                   enddate, setl_time, period, benefit_year, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, clab_amt,
                   nego_antitumor_amt, implant_dom_amt, implant_jv_amt, implant_imp_amt, lrg_equip_amt, transplant_amt,
                   chemo_flag, offsite_type, refd_setl_flag, eligible, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
                   hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag)
            values ('HG1', ?, ?, 2, 'M1', 'PG1', '21', date '2026-02-01', date '2026-02-03', timestamp '2026-02-03 10:00',
                   '2026-02', 2026, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'local', false, true, 0, 100, 0, 80, 0, 0, 20,
                   0, false)""";

    private long registeredFile() {
        return jdbc.queryForObject("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at)
                values (md5(random()::text) || md5(random()::text), 'HG1', '2026-02', 'hg1.csv', 'LOADED', now())
                returning file_id""", Long.class);
    }

    @Test
    void aSettlementOfAFileTheRegistryDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> jdbc.update(SETTLEMENT, "SG1", 987_654_321L))
                .hasMessageContaining("settlement rows name file 987654321, which is not in intake_file");
        jdbc.update(SETTLEMENT, "SG2", registeredFile());
    }

    @Test
    void theRegistryKeepsEveryFileAndSettlementsAreNeverChanged() {
        long file = registeredFile();
        jdbc.update(SETTLEMENT, "SG3", file);
        assertThatThrownBy(() -> jdbc.update("delete from intake_file where file_id = ?", file))
                .hasStackTraceContaining("permission denied for table intake_file");
        assertThatThrownBy(() -> jdbc.update("update settlement set hifp_pay = 0 where setl_id = 'SG3'"))
                .hasStackTraceContaining("permission denied for table settlement");
        JdbcTemplate owner = ownerJdbc();
        assertThatThrownBy(() -> owner.update("delete from intake_file where file_id = ?", file))
                .hasMessageContaining("deleting file " + file + " is refused");
        assertThatThrownBy(() -> owner.update("update settlement set hifp_pay = 0 where setl_id = 'SG3'"))
                .hasMessageContaining("loaded settlements are facts");
    }
}
