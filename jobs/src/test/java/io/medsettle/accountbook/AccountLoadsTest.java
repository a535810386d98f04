package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.files.Identifiers;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account files of formats.md, loaded as DOMAIN.md §4 says: opening balances once per member;
 * account payments debited on their day, never beyond what the account holds, a cancellation
 * refunding its payment; contributions in arrears completed later, paid ones final. Every load is
 * idempotent, and the sub-ledger agrees with the general ledger after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLoadsTest extends MedsettleSpringTest {

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

    @BeforeAll
    void referenceData(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("PHA1,大药房,0,pharmacy", "PHA2,二药房,0,pharmacy")
                .members("AC1,王伟,320706198001016010,1,1980-01-01,in_service,2010-01-01",
                        "AC2,李娜,320706197001016024,2,1970-01-01,in_service,2010-01-01",
                        "AC3,张强,320706195001016033,1,1950-01-01,retired,2000-01-01")
                .load(referenceData, LocalDate.of(2040, 1, 1));
    }

    private LoadResult load(AccountFileKind kind, String name, String body) throws Exception {
        Path file = Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8);
        return accountFiles.load(kind, file);
    }

    private static String report(LoadResult result) throws Exception {
        Path xlsx = result.report().orElseThrow();
        return Files.readString(xlsx.resolveSibling(xlsx.getFileName().toString().replace(".xlsx", ".csv")));
    }

    @Test
    void openingBalancesAreTakenOverOncePerMember() throws Exception {
        String openings = "psn_no,as_of_date,balance\nAC1,2040-12-31,300.00\nAC2,2040-12-31,0\nNOBODY,2040-12-31,5.00\n";

        LoadResult first = load(AccountFileKind.ACCOUNT_OPENINGS, "openings.csv", openings);
        LoadResult again = load(AccountFileKind.ACCOUNT_OPENINGS, "openings-again.csv", openings);
        LoadResult other = load(AccountFileKind.ACCOUNT_OPENINGS, "openings-other.csv",
                "psn_no,as_of_date,balance\nAC1,2040-12-31,301.00\n");

        assertThat(first.loaded()).isEqualTo(1);
        assertThat(first.unchanged()).as("a zero balance carries nothing").isEqualTo(1);
        assertThat(first.rejected()).isEqualTo(1);
        assertThat(report(first)).contains("NOBODY,参保人员不存在");
        assertThat(again.loaded()).isZero();
        assertThat(again.unchanged()).as("the same opening again changes nothing").isEqualTo(2);
        assertThat(other.rejected()).isEqualTo(1);
        assertThat(report(other)).contains("该人员已有期初余额(2040-12-31 300.00元)");
        assertThat(book.movements("AC1")).extracting(m -> m.kind() + " " + m.valueDate() + " " + m.amount())
                .containsExactly("OPENING 2040-12-31 300.00");
        assertThat(book.agreesWithLedger()).isTrue();
    }

    @Test
    void accountPaymentsAreDebitedOnTheirDayNeverBeyondWhatTheAccountHoldsAndCancellationsRefund() throws Exception {
        load(AccountFileKind.ACCOUNT_OPENINGS, "openings-ac3.csv", "psn_no,as_of_date,balance\nAC3,2040-12-31,100.00\n");
        // AC3 holds 100.00: 60.00 on 5 January is debited; 50.00 on 6 January is more than the 40.00
        // left and is rejected; a cancellation on 20 January refunds the 60.00 of the first.
        String payments = """
                setl_id,psn_no,fixmedins_code,setl_time,acct_pay,refd_setl_flag,init_setl_id
                Y1,AC3,PHA1,2041-01-05 09:00:00,60.00,,
                Y2,AC3,PHA2,2041-01-06 09:00:00,50.00,,
                Y3,AC3,PHA1,2041-01-20 09:00:00,60.00,1,Y1
                Y4,AC1,PHA1,2041-01-07 09:00:00,abc,,
                """;

        LoadResult first = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments.csv", payments);
        LoadResult again = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments-again.csv", payments);
        LoadResult changed = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments-changed.csv",
                "setl_id,psn_no,fixmedins_code,setl_time,acct_pay\nY1,AC3,PHA1,2041-01-05 09:00:00,61.00\n");

        assertThat(first.loaded()).isEqualTo(2);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(report(first)).contains("acct_pay,50.00,个人账户余额不足(可用40.00元),account balance insufficient (40.00 available)")
                .contains("acct_pay,abc,\"金额格式错误");
        assertThat(again.unchanged()).as("loaded once").isEqualTo(2);
        assertThat(again.loaded()).isZero();
        assertThat(changed.rejected()).isEqualTo(1);
        assertThat(report(changed)).contains("该结算已于此前载入,且内容不同(不合并)");
        assertThat(book.movements("AC3")).extracting(m -> m.kind() + " " + m.valueDate() + " " + m.amount())
                .containsExactly("OPENING 2040-12-31 100.00", "SPENDING 2041-01-05 -60.00", "REFUND 2041-01-20 60.00");
        Map<String, Object> payable = jdbc.queryForMap("""
                select sum(p.amount) as balance from posting p where p.account_code = '2302.PHA1'""");
        assertThat(payable.get("balance")).as("what PHA1 is owed by the accounts, net of the refund").hasToString("0.00");
        assertThat(book.agreesWithLedger()).isTrue();
    }

    @Test
    void contributionsInArrearsAreCompletedByTheirPaymentAndAPaidOneIsFinal() throws Exception {
        LoadResult arrears = load(AccountFileKind.CONTRIBUTIONS, "contributions-1.csv", """
                emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date
                E1,AC1,2041-03,6000.00,480.00,120.00,
                E1,AC2,2041-03,5000.00,400.00,100.00,2041-03-15
                E1,AC2,2041-03,5000.00,400.00,100.00,2041-03-15
                E1,NOBODY,2041-03,5000.00,400.00,100.00,2041-03-15
                """);
        LoadResult paid = load(AccountFileKind.CONTRIBUTIONS, "contributions-2.csv", """
                emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date
                E1,AC1,2041-03,6000.00,480.00,120.00,2041-06-02
                E1,AC2,2041-03,5000.00,400.00,100.00,2041-03-15
                """);
        LoadResult resent = load(AccountFileKind.CONTRIBUTIONS, "contributions-3.csv", """
                emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date
                E1,AC1,2041-03,6000.00,490.00,120.00,2041-06-02
                """);

        assertThat(arrears.loaded()).isEqualTo(2);
        assertThat(arrears.rejected()).isEqualTo(2);
        assertThat(report(arrears)).contains("同一人员同一期间在文件中重复出现").contains("NOBODY,参保人员不存在");
        assertThat(paid.loaded()).as("AC1's arrears completed").isEqualTo(1);
        assertThat(paid.unchanged()).isEqualTo(1);
        assertThat(resent.rejected()).isEqualTo(1);
        assertThat(report(resent)).contains("该期缴费已到账,不再变更");
        assertThat(jdbc.queryForObject("select paid_date::text from contribution where psn_no = 'AC1' and period = '2041-03'",
                String.class)).isEqualTo("2041-06-02");
        assertThat(jdbc.queryForObject("select employer_amt::text from contribution where psn_no = 'AC1' and period = '2041-03'",
                String.class)).as("never merged").isEqualTo("480.00");
    }

    @Test
    void aPaymentRejectedForTheBalanceIsTakenWhenTheSameFileComesAgainAfterTheAccountWasFunded() throws Exception {
        String body = "32070619900101605";
        ReferenceFiles.in(dir.resolve("refs-ac4")).members("AC4,赵敏," + body + Identifiers.idNumberCheckDigit(body)
                + ",2,1990-01-01,in_service,2010-01-01").load(referenceData, LocalDate.of(2040, 1, 1));
        String payments = "setl_id,psn_no,fixmedins_code,setl_time,acct_pay\nY41,AC4,PHA2,2041-02-05 09:00:00,30.00\n";

        LoadResult first = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments-ac4.csv", payments);
        load(AccountFileKind.ACCOUNT_OPENINGS, "openings-ac4.csv", "psn_no,as_of_date,balance\nAC4,2040-12-31,100.00\n");
        LoadResult second = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments-ac4-again.csv", payments);
        LoadResult third = load(AccountFileKind.ACCOUNT_PAYMENTS, "payments-ac4-third.csv", payments);

        assertThat(first.rejected()).isEqualTo(1);
        assertThat(report(first)).contains("个人账户余额不足(可用0.00元)");
        // The same file (the same hash) posts a second entry, of its own key, for the row it now takes.
        assertThat(second.loaded()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(1);
        assertThat(book.movements("AC4")).extracting(m -> m.kind() + " " + m.valueDate() + " " + m.amount())
                .containsExactly("OPENING 2040-12-31 100.00", "SPENDING 2041-02-05 -30.00");
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where idempotency_key like 'account-payments:%'",
                Long.class)).isPositive();
        assertThat(book.agreesWithLedger()).isTrue();
    }
}
