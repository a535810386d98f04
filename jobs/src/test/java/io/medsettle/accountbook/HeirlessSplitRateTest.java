package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A death under langfang-2024: interest {@code split_rate} (DOMAIN.md §4, the national rule) over a
 * rate change, with a payment and its refund in between, and with no heir the balance goes to the
 * pooled fund (seed 002 第四十四条). Worked by hand below. A database of its own, for its profile and
 * its rates.
 */
@SpringBootTest(classes = MedsettleApplication.class)
class HeirlessSplitRateTest {

    @DynamicPropertySource
    static void langfang(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
        registry.add("medsettle.profile", () -> "langfang-2024");
    }

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook book;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private LoadResult load(AccountFileKind kind, String name, String body) throws Exception {
        return accountFiles.load(kind, Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8));
    }

    private List<String> postings(String key) {
        return jdbc.queryForList("""
                        select p.account_code || ' ' || p.amount from posting p join journal_entry e on e.entry_id = p.entry_id
                         where e.idempotency_key like ? order by p.line_no""", String.class, key);
    }

    @Test
    void aDeathWithoutHeirCreditsSplitRateInterestAndPaysThePooledFund() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("LFP,廊坊大药房,0,pharmacy")
                .members("LF1,吴六,131002197007076118,1,1970-07-07,in_service,2010-06-01")
                .load(referenceData, LocalDate.of(2040, 1, 1));
        referenceData.load(ReferenceKind.INTEREST_RATES, Files.writeString(dir.resolve("interest-rates.csv"), """
                effective_date,kind,annual_rate
                2040-01-01,demand,0.0036
                2040-01-01,time_3m,0.0135
                2044-02-01,demand,0.0018
                2044-02-01,time_3m,0.0110
                """), LocalDate.of(2040, 1, 1));
        load(AccountFileKind.ACCOUNT_OPENINGS, "openings.csv", "psn_no,as_of_date,balance\nLF1,2043-12-31,1000.00\n");
        load(AccountFileKind.ACCOUNT_PAYMENTS, "payments.csv", """
                setl_id,psn_no,fixmedins_code,setl_time,acct_pay,refd_setl_flag,init_setl_id
                P1,LF1,LFP,2044-01-11 10:00:00,100.00,,
                P2,LF1,LFP,2044-02-10 10:00:00,100.00,1,P1
                """);

        LoadResult death = load(AccountFileKind.ACCOUNT_EVENTS, "events.csv",
                "psn_no,event,event_date,amount,counterparty\nLF1,death,2044-03-01,,\n");

        assertThat(death.loaded()).isEqualTo(1);
        // The days run 1 January – 29 February 2044 (the day of death does not count). Carried money is
        // the 1000.00 opening; the payment of 11 January takes carried money (no current money yet); its
        // refund of 10 February is current money (DOMAIN.md §4 split_rate):
        //   carried  1 – 10 January   10 days × 1000.00 × 0.0135 = 135.00
        //   carried 11 – 31 January   21 days ×  900.00 × 0.0135 = 255.15
        //   carried  1 – 29 February  29 days ×  900.00 × 0.0110 = 287.10
        //   current 10 – 29 February  20 days ×  100.00 × 0.0018 =   3.60
        // (135.00 + 255.15 + 287.10 + 3.60) / 360 = 680.85 / 360 = 1.89125 → 1.89, value date 1 March.
        assertThat(book.movements("LF1").stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()))
                .containsExactly("OPENING 2043-12-31 1000.00", "SPENDING 2044-01-11 -100.00", "REFUND 2044-02-10 100.00",
                        "INTEREST 2044-03-01 1.89", "PAID_OUT 2044-03-01 -1001.89");
        // No heir named: to the pooled fund, not the inheritance payable.
        assertThat(postings("account-events:%:heirless:%")).containsExactly("3001 -1001.89", "2301 1001.89");
        assertThat(postings("account-events:%:inheritance:%")).isEmpty();
        assertThat(book.agreesWithLedger()).isTrue();
    }
}
