package io.medsettle.accountbook;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.ledger.Money;
import io.medsettle.reports.Column;
import io.medsettle.reports.CsvStatement;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.reports.SafeText;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transfer statement (参保人员个人账户转移单) of a member whose account was transferred out: who
 * (ID masked), since when insured, the balance, the interest credited to the day before, the amount
 * transferred and the receiving region, as Excel and CSV under {@code out/transfers/}, for the
 * receiving region's fund.
 */
@Component
class TransferStatements {

    /** One transfer out. */
    record Transfer(String psnNo, LocalDate date, Money balance, Money interest, Money transferred, String region) {
    }

    static final List<Column> COLUMNS = List.of(Column.text("psn_no", "人员编号"), Column.text("psn_name", "姓名"),
            Column.text("certno", "证件号码"), Column.date("insu_begn_date", "参保起始日期"), Column.date("transfer_date", "转出日期"),
            Column.money("balance", "账户余额(计息前)"), Column.money("interest", "转出计息"),
            Column.money("transferred", "转移金额"), Column.text("region", "转入地区"));

    private final JdbcClient jdbc;
    private final MedsettleProperties properties;

    TransferStatements(JdbcClient jdbc, MedsettleProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    void write(Transfer t) {
        record Member(String name, String certno, LocalDate insured) {
        }
        Member m = jdbc.sql("""
                        select psn_name, certno, insu_begn_date from member where psn_no = ?
                         order by valid_to is null desc, valid_from desc limit 1""")
                .param(t.psnNo())
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).single();
        Path dir = properties.out().resolve("transfers");
        String base = "transfer-" + t.psnNo() + "-" + t.date();
        Object[] row = {t.psnNo(), m.name(), SafeText.maskId(m.certno()), m.insured(), t.date(), t.balance(), t.interest(),
                t.transferred(), t.region()};
        try (ExcelStatement book = ExcelStatement.create(dir.resolve(base + ".xlsx"))) {
            ExcelStatement.StatementSheet sheet = book.sheet("转移单");
            sheet.title("参保人员个人账户转移单")
                    .info("人员编号", t.psnNo())
                    .info("姓名", m.name())
                    .info("证件号码", SafeText.maskId(m.certno()))
                    .info("参保期间", m.insured() + " 至 " + t.date())
                    .info("转入地区", t.region() == null ? "" : t.region())
                    .blankLine();
            sheet.table(COLUMNS).row(row).end();
        }
        try (CsvStatement csv = CsvStatement.create(dir.resolve(base + ".csv"), COLUMNS)) {
            csv.row(row);
        }
    }
}
