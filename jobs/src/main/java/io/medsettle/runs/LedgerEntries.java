package io.medsettle.runs;

import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.Posting;
import io.medsettle.reports.Column;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run's ledger postings as the statements list them (记账凭证): read back from the journal once the
 * run is posted, so the sheet shows what the ledger holds; or, for a preview, the entries the run
 * would post, without an entry number.
 */
@Repository
public class LedgerEntries {

    /** One posting line: debit or credit filled, the other empty. */
    public record Row(Long entryId, String key, LocalDate date, String description, String account, String accountName,
                      Money debit, Money credit) {

        public Object[] cells() {
            return new Object[] {entryId == null ? null : entryId.toString(), key, date, description, account, accountName,
                    debit, credit};
        }
    }

    public static final List<Column> COLUMNS = List.of(Column.text("entry_id", "凭证号"), Column.text("key", "业务参考号"),
            Column.date("date", "日期"), Column.text("description", "摘要"), Column.text("account", "科目代码"),
            Column.text("account_name", "科目名称"), Column.money("debit", "借方"), Column.money("credit", "贷方"));

    private final JdbcClient jdbc;

    LedgerEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The posted entries whose business reference starts with {@code keyPrefix}, in the order they were posted. */
    public List<Row> posted(String keyPrefix) {
        return jdbc.sql("""
                        select e.entry_id, e.idempotency_key, e.entry_date, e.description, p.account_code, a.name, p.amount
                          from journal_entry e
                          join posting p on p.entry_id = e.entry_id
                          join account a on a.code = p.account_code
                         where e.idempotency_key like ?
                         order by e.entry_id, p.line_no""")
                .param(keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
                .query((rs, n) -> {
                    Money amount = Money.of(rs.getBigDecimal("amount"));
                    return new Row(rs.getLong("entry_id"), rs.getString("idempotency_key"),
                            rs.getObject("entry_date", LocalDate.class), rs.getString("description"),
                            rs.getString("account_code"), rs.getString("name"),
                            amount.isPositive() ? amount : null, amount.isNegative() ? amount.negate() : null);
                })
                .list();
    }

    /**
     * Entries not posted (a preview's). A sub-account is opened on first use, so before it the
     * statement names it after its main account and its own code ({@code 应付定点机构款-H001}).
     */
    public List<Row> draft(List<JournalEntry> entries) {
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select code, name from account where parent_code is null or code ~ '^[0-9]{4}\\.[0-9]{2}$'")
                .query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        List<Row> rows = new ArrayList<>();
        for (JournalEntry entry : entries) {
            for (Posting posting : entry.postings()) {
                AccountCode account = posting.account();
                String name = names.getOrDefault(account.value(), account.parent()
                        .map(parent -> names.getOrDefault(parent.value(), parent.value()) + "-"
                                + account.value().substring(parent.value().length() + 1))
                        .orElse(account.value()));
                rows.add(new Row(null, entry.key().value(), entry.date(), entry.description(), account.value(), name,
                        posting.isDebit() ? posting.amount() : null, posting.isDebit() ? null : posting.amount().negate()));
            }
        }
        return rows;
    }
}
