package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code load account-events} under lianyungang-2000 (interest {@code daily_balance} at the demand
 * rate, DOMAIN.md §4), every figure worked by hand below. A database of its own: interest rates are
 * the city's, and these rates are the test's.
 *
 * <p>Rates: demand 0.36 % from 2040-01-01, 0.18 % from 2044-02-01 (a change inside the crediting).
 */
@SpringBootTest(classes = MedsettleApplication.class)
class AccountEventsTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
    }

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook book;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    MedsettleProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private LoadResult load(AccountFileKind kind, String name, String body) throws Exception {
        return accountFiles.load(kind, Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8));
    }

    private static String report(LoadResult result) throws Exception {
        Path xlsx = result.report().orElseThrow();
        return Files.readString(xlsx.resolveSibling(xlsx.getFileName().toString().replace(".xlsx", ".csv")));
    }

    private List<String> movements(String psnNo) {
        return book.movements(psnNo).stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()).toList();
    }

    private List<String> postings(String key) {
        return jdbc.queryForList("""
                        select p.account_code || ' ' || p.amount from posting p join journal_entry e on e.entry_id = p.entry_id
                         where e.idempotency_key like ? order by p.line_no""", String.class, key);
    }

    @Test
    void transfersAndDeathsCreditInterestToTheDayBeforePayTheBalanceOutAndClose() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .members("EV1,赵一,320706198003156017,1,1980-03-15,in_service,2010-06-01",
                        "EV2,钱二,320706197506206034,1,1975-06-20,in_service,2010-06-01",
                        "EV3,孙三,320706199001016058,1,1990-01-01,in_service,2044-02-05",
                        "EV4,李四,320706196011116075,1,1960-11-11,retired,2000-01-01",
                        "EV5,周五,320706198505056091,2,1985-05-05,in_service,2010-06-01")
                .load(referenceData, LocalDate.of(2040, 1, 1));
        Path rates = Files.writeString(dir.resolve("interest-rates.csv"), """
                effective_date,kind,annual_rate
                2040-01-01,demand,0.0036
                2040-01-01,time_3m,0.0135
                2044-02-01,demand,0.0018
                2044-02-01,time_3m,0.0110
                """);
        referenceData.load(ReferenceKind.INTEREST_RATES, rates, LocalDate.of(2040, 1, 1));
        load(AccountFileKind.ACCOUNT_OPENINGS, "openings.csv", """
                psn_no,as_of_date,balance
                EV1,2043-12-31,1000.00
                EV2,2043-12-31,500.00
                EV5,2044-06-30,800.00
                """);
        String events = """
                psn_no,event,event_date,amount,counterparty
                EV1,transfer_out,2044-03-11,,110000
                EV2,death,2044-01-21,,钱小二
                EV3,transfer_in,2044-02-05,3000.00,310000
                EV4,death,2044-02-01,,
                EV5,transfer_out,2044-03-01,,110000
                NOBODY,death,2044-03-01,,
                EV1,transfer_in,2044-03-01,,
                """;

        LoadResult first = load(AccountFileKind.ACCOUNT_EVENTS, "events.csv", events);

        assertThat(first.loaded()).isEqualTo(4);
        assertThat(first.rejected()).isEqualTo(3);
        assertThat(report(first))
                .contains("events.csv,6,event_date,2044-03-01", "事件日期早于账户已有的2044-06-30记账")
                .contains("NOBODY,参保人员不存在")
                .contains("转入须填写大于0的金额");
        // EV1, transfer out on 11 March 2044: the days run 1 January – 10 March (DOMAIN.md §4, the day of
        // withdrawal does not count). 1 – 31 January: 31 days × 1000.00 × 0.0036 = 111.60; 1 February –
        // 10 March (2044 is a leap year): 29 + 10 = 39 days × 1000.00 × 0.0018 = 70.20. (111.60 + 70.20)
        // / 360 = 0.505, HALF_UP 0.51, value date 11 March; then 1000.51 paid out.
        assertThat(movements("EV1")).containsExactly("OPENING 2043-12-31 1000.00", "INTEREST 2044-03-11 0.51",
                "PAID_OUT 2044-03-11 -1000.51");
        // EV2, died 21 January: 1 – 20 January, 20 days × 500.00 × 0.0036 / 360 = 0.10; 500.10 to the heir.
        assertThat(movements("EV2")).containsExactly("OPENING 2043-12-31 500.00", "INTEREST 2044-01-21 0.10",
                "PAID_OUT 2044-01-21 -500.10");
        assertThat(movements("EV3")).containsExactly("TRANSFER_IN 2044-02-05 3000.00");
        // EV4 held nothing: no interest, nothing paid, the account closed all the same.
        assertThat(movements("EV4")).isEmpty();
        assertThat(movements("EV5")).containsExactly("OPENING 2044-06-30 800.00");
        assertThat(jdbc.queryForList("select psn_no || ' ' || event || ' ' || closed_on from account_closure order by psn_no",
                String.class)).containsExactly("EV1 transfer_out 2044-03-11", "EV2 death 2044-01-21", "EV4 death 2044-02-01");
        // The ledger: one entry per kind for the file. Lianyungang pays a heirless account to the
        // inheritance payable too (only Langfang's profile sends it to the pooled fund).
        assertThat(postings("account-events:%:interest:%")).containsExactly("5101 0.61", "2301 -0.61");
        assertThat(postings("account-events:%:transfer-out:%")).containsExactly("2401 -1000.51", "2301 1000.51");
        assertThat(postings("account-events:%:inheritance:%")).containsExactly("2402 -500.10", "2301 500.10");
        assertThat(postings("account-events:%:transfer-in:%")).containsExactly("1002.01 3000.00", "2301 -3000.00");
        assertThat(book.agreesWithLedger()).isTrue();

        // The transfer statement for the receiving region, the ID masked (first 6, last 4).
        Path statement = properties.out().resolve("transfers/transfer-EV1-2044-03-11.xlsx");
        List<String> cells = new ArrayList<>();
        try (InputStream in = Files.newInputStream(statement); Workbook workbook = WorkbookFactory.create(in)) {
            DataFormatter format = new DataFormatter();
            for (Row row : workbook.getSheet("转移单")) {
                row.forEach(cell -> cells.add(format.formatCellValue(cell)));
            }
        }
        assertThat(cells).contains("参保人员个人账户转移单", "320706********6017", "2010-06-01 至 2044-03-11", "110000",
                        "1,000.00", "0.51", "1,000.51")
                .doesNotContain("320706198003156017");
        assertThat(Files.readString(statement.resolveSibling("transfer-EV1-2044-03-11.csv")))
                .contains("320706********6017").contains("1000.51").doesNotContain("198003156017");

        // The same file again changes nothing; later events for closed accounts are refused.
        long entries = jdbc.queryForObject("select count(*) from journal_entry", Long.class);
        LoadResult again = load(AccountFileKind.ACCOUNT_EVENTS, "events-again.csv", events);
        assertThat(again.loaded()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        LoadResult closed = load(AccountFileKind.ACCOUNT_EVENTS, "events-closed.csv", """
                psn_no,event,event_date,amount,counterparty
                EV1,death,2044-05-01,,
                EV2,transfer_in,2044-05-01,200.00,320000
                """);
        assertThat(closed.rejected()).isEqualTo(2);
        assertThat(report(closed)).contains("个人账户已于2044-03-11注销").contains("个人账户已于2044-01-21注销");
        assertThat(jdbc.queryForObject("select count(*) from journal_entry", Long.class)).isEqualTo(entries);
        assertThat(movements("EV1")).hasSize(3);
        assertThat(book.agreesWithLedger()).isTrue();
    }
}
