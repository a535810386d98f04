package io.medsettle.accountbook;

import io.medsettle.ledger.Money;
import io.medsettle.reports.SafeText;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A member's account as the member, an accountant or a command sees it: movements with a running balance. */
@Service
public class AccountStatement {

    /** One movement with the balance after it. */
    public record Line(LocalDate valueDate, String kind, Money amount, Money balance, String source) {

        public String kindText() {
            return switch (kind) {
                case "opening" -> "期初结转";
                case "allocation" -> "划入";
                case "spending" -> "支付";
                case "refund" -> "退回";
                case "interest" -> "利息";
                case "transfer_in" -> "转入";
                case "paid_out" -> "转出/继承";
                default -> kind;
            };
        }
    }

    public record Statement(String psnNo, String name, String maskedId, String category, LocalDate insuredSince,
                            String state, Money opening, List<Line> lines, Money closing) {
    }

    private final JdbcClient jdbc;

    AccountStatement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member's statement, all movements or one year's; empty for an unknown member. */
    public Optional<Statement> of(String psnNo, Year year) {
        record Member(String name, String certno, String category, LocalDate insuredSince) {
        }
        Optional<Member> member = jdbc.sql("""
                        select psn_name, certno, psn_type, insu_begn_date from member
                         where psn_no = ? order by valid_to is null desc, valid_from desc limit 1""")
                .param(psnNo)
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)))
                .optional();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        LocalDate from = year == null ? LocalDate.of(1, 1, 1) : year.atDay(1);
        LocalDate through = year == null ? LocalDate.of(9999, 12, 31) : year.atMonth(12).atEndOfMonth();
        Money opening = Money.of(jdbc.sql("select coalesce(sum(amount), 0) from account_movement where psn_no = ? and value_date < ?")
                .params(psnNo, from).query(java.math.BigDecimal.class).single());
        List<Line> lines = new ArrayList<>();
        Money[] balance = {opening};
        jdbc.sql("""
                        select m.value_date, m.kind, m.amount, m.source, e.description
                          from account_movement m join journal_entry e on e.entry_id = m.entry_id
                         where m.psn_no = ? and m.value_date between ? and ?
                         order by m.value_date, m.movement_id""")
                .params(psnNo, from, through)
                .query(rs -> {
                    Money amount = Money.of(rs.getBigDecimal("amount"));
                    balance[0] = balance[0].plus(amount);
                    lines.add(new Line(rs.getObject("value_date", LocalDate.class), rs.getString("kind"), amount, balance[0],
                            rs.getString("source") + " (" + rs.getString("description") + ")"));
                });
        String state = jdbc.sql("select event, closed_on, counterparty from account_closure where psn_no = ?").param(psnNo)
                .query((rs, n) -> "已注销(" + ("death".equals(rs.getString(1)) ? "死亡" : "转出") + " " + rs.getObject(2, LocalDate.class)
                        + (rs.getString(3) == null ? "" : ", " + rs.getString(3)) + ")")
                .optional().orElse("正常");
        Member m = member.get();
        return Optional.of(new Statement(psnNo, m.name(), SafeText.maskId(m.certno()), categoryText(m.category()),
                m.insuredSince(), state, opening, List.copyOf(lines), balance[0]));
    }

    private static String categoryText(String category) {
        return switch (category) {
            case "in_service" -> "在职";
            case "retired" -> "退休";
            case "flexible" -> "灵活就业";
            default -> category;
        };
    }
}
