package io.medsettle.intake;

import io.medsettle.accountbook.AvailableBalance;
import io.medsettle.accountbook.SpendingCopy;
import io.medsettle.accounts.AccountMovement;
import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.Settlement;
import io.medsettle.app.PgCopy;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account part of a member's rows (DOMAIN.md §4 "Spending"), decided as the load step reaches
 * the member: the account part of the file's eligible settlements is debited from the member's
 * individual account, a cancellation refunds what its settlement was debited, and a re-adjudicated
 * settlement whose account part changed is debited or refunded the difference. The movements are
 * copied straight into the sub-ledger ({@link SpendingCopy}), whose entry the load posts at its end,
 * in the same transaction.
 *
 * <p>Decided in the adjudication's own pass over the members rather than in a step of its own: that
 * step read the whole file again (the staged rows joined with their staged figures) and sorted it
 * by member a second time.
 *
 * <p>A debit larger than what the account holds on its day and after ({@code AvailableBalance}), or
 * for a closed account, is never posted: the row is still loaded and settled for the funds, its
 * account part counts nothing in the month-end's account stream, and the report lists it with the
 * reason. A refund to a closed account is refused the same way.
 */
class DischargeAccounts {

    /**
     * The periods of the settlements the file's cancellations cancel, where they were loaded before
     * (a cancellation of a row of the same file takes the file's period). Read once, before the load
     * starts: cancellations are few. The file id is the query's parameter.
     */
    static final String CANCELLED_PERIODS = """
            select s.fixmedins_code, s.init_setl_id, o.period
              from discharge_staging s
              join settlement o on o.fixmedins_code = s.fixmedins_code and o.setl_id = s.init_setl_id
             where s.file_id = ? and not s.rejected and s.refd_setl_flag""";

    /** Items of one member in the order they are decided: by day, then DOMAIN.md's order. */
    private static final Comparator<Row> ITEM_ORDER = Comparator.comparing(Row::valueDate)
            .thenComparing(Row::settledAt).thenComparing(Row::institution).thenComparing(Row::setlId);

    /**
     * One movement already posted ('M'), or one item of the file: 'D' a new eligible settlement's
     * account part, 'C' a new cancellation, 'R' a revision's account part.
     */
    record Row(char type, String psnNo, String institution, String setlId, LocalDateTime settledAt, long line,
               Money amount, String original, String settlementPeriod, LocalDate valueDate, boolean closed) {
    }

    private final long fileId;
    private final String period;
    private final Map<String, String> cancelledPeriods;
    private final SpendingCopy movements;
    private final PgCopy problems;

    DischargeAccounts(long fileId, String period, Map<String, String> cancelledPeriods, SpendingCopy movements,
                      PgCopy problems) {
        this.fileId = fileId;
        this.period = period;
        this.cancelledPeriods = cancelledPeriods;
        this.movements = movements;
        this.problems = problems;
    }

    /** The member's account movements for what the adjudication made of the member's rows. */
    void member(MemberRows member, PostedMovements.Member posted, MemberAdjudicator.Result result) {
        List<Row> items = new ArrayList<>();
        for (AdjudicatedLine line : result.lines()) {
            Settlement s = line.row().settlement();
            Adjudication a = line.figures();
            if (s.cancels().isPresent()) {
                String original = s.cancels().get();
                items.add(item('C', s, line.line(), Money.ZERO, original,
                        cancelledPeriods.getOrDefault(key(s.institutionCode(), original), period), posted.closed()));
            } else if (a.eligible() && a.acctPay().isPositive()) {
                items.add(item('D', s, line.line(), a.acctPay(), null, period, posted.closed()));
            }
        }
        for (MemberAdjudicator.Revision revision : result.revisions()) {
            Settlement s = revision.row().settlement();
            Adjudication a = revision.figures();
            // A settlement cancelled before this file has no account part left, whatever its figures.
            boolean cancelled = member.rows().stream().anyMatch(r -> r.loaded()
                    && r.settlement().institutionCode().equals(s.institutionCode())
                    && r.settlement().cancels().filter(s.setlId()::equals).isPresent());
            items.add(item('R', s, 0, a.eligible() && !cancelled ? a.acctPay() : Money.ZERO, null,
                    revision.row().facts().period(), posted.closed()));
        }
        if (items.isEmpty()) {
            return;
        }
        items.sort(ITEM_ORDER);
        List<Row> rows = new ArrayList<>(posted.movements());
        rows.addAll(items);
        decide(rows);
    }

    private static Row item(char type, Settlement s, long line, Money amount, String original, String settlementPeriod,
                            boolean closed) {
        return new Row(type, s.psnNo(), s.institutionCode(), s.setlId(), s.settledAt(), line, amount, original,
                settlementPeriod, s.settledAt().toLocalDate(), closed);
    }

    /** Reads {@link #CANCELLED_PERIODS} for the file, keyed by institution and cancelled {@code setl_id}. */
    static Map<String, String> cancelledPeriods(JdbcClient jdbc, long fileId) {
        Map<String, String> periods = new HashMap<>();
        jdbc.sql(CANCELLED_PERIODS).param(fileId)
                .query((RowCallbackHandler) rs -> periods.put(key(rs.getString(1), rs.getString(2)), rs.getString(3)));
        return periods;
    }

    /** One member: the movements posted so far, then the file's items in order. */
    private void decide(List<Row> rows) {
        List<AccountMovement> posted = new ArrayList<>();
        Map<String, Money> debited = new HashMap<>();
        for (Row row : rows) {
            if (row.type() == 'M') {
                posted.add(new AccountMovement(AccountMovement.Kind.valueOf(row.original().toUpperCase(Locale.ROOT)),
                        row.valueDate(), row.amount()));
                if (row.setlId() != null) {
                    debited.merge(key(row.institution(), row.setlId()), row.amount().negate(), Money::plus);
                }
            }
        }
        AvailableBalance balance = new AvailableBalance(posted);
        for (Row row : rows) {
            switch (row.type()) {
                case 'D' -> debit(row, row.setlId(), row.amount(), "discharge:" + row.institution() + ":" + row.setlId(),
                        balance, debited);
                case 'C' -> {
                    Money was = debited.getOrDefault(key(row.institution(), row.original()), Money.ZERO);
                    if (was.isPositive()) {
                        refund(row, row.original(), was, "discharge:" + row.institution() + ":" + row.setlId(), balance,
                                debited);
                    }
                }
                case 'R' -> {
                    Money was = debited.getOrDefault(key(row.institution(), row.setlId()), Money.ZERO);
                    Money difference = row.amount().minus(was);
                    String source = "discharge:" + row.institution() + ":" + row.setlId() + ":f" + fileId;
                    if (difference.isPositive()) {
                        debit(row, row.setlId(), difference, source, balance, debited);
                    } else if (difference.isNegative()) {
                        refund(row, row.setlId(), difference.negate(), source, balance, debited);
                    }
                }
                default -> {
                    // A movement already posted: read above.
                }
            }
        }
    }

    private void debit(Row row, String setlId, Money amount, String source, AvailableBalance balance,
                       Map<String, Money> debited) {
        if (row.closed()) {
            problem(row, "个人账户已注销，个人账户支付未扣减", "the individual account is closed: its account payment was not debited");
            return;
        }
        Money available = balance.on(row.valueDate());
        if (amount.isGreaterThan(available)) {
            problem(row, "个人账户余额不足(可用" + available + "元)，个人账户支付未扣减",
                    "account balance insufficient (" + available + " available): its account payment was not debited");
            return;
        }
        move(row, setlId, AccountMovement.Kind.SPENDING, amount.negate(), source);
        balance.add(new AccountMovement(AccountMovement.Kind.SPENDING, row.valueDate(), amount.negate()));
        debited.merge(key(row.institution(), setlId), amount, Money::plus);
    }

    private void refund(Row row, String setlId, Money amount, String source, AvailableBalance balance,
                        Map<String, Money> debited) {
        if (row.closed()) {
            problem(row, "个人账户已注销，退回个人账户的" + amount + "元未入账",
                    "the individual account is closed: the refund of " + amount + " was not credited");
            return;
        }
        move(row, setlId, AccountMovement.Kind.REFUND, amount, source);
        balance.add(new AccountMovement(AccountMovement.Kind.REFUND, row.valueDate(), amount));
        debited.merge(key(row.institution(), setlId), amount.negate(), Money::plus);
    }

    private void move(Row row, String setlId, AccountMovement.Kind kind, Money amount, String source) {
        movements.add(row.psnNo(), kind, amount, row.valueDate(), source, row.institution(), setlId, row.settlementPeriod());
    }

    private void problem(Row row, String reasonZh, String reasonEn) {
        problems.row().number(fileId).number(row.line()).text("acct_pay").text(row.amount().toString())
                .text(reasonZh + (row.line() == 0 ? "(结算 " + row.institution() + " " + row.setlId() + ")" : ""))
                .text(reasonEn + (row.line() == 0 ? " (settlement " + row.institution() + " " + row.setlId() + ")" : ""))
                .text("account").end();
    }

    static String key(String institution, String setlId) {
        return institution + "\u0000" + setlId;
    }
}
