package io.medsettle.intake;

import io.medsettle.accountbook.AvailableBalance;
import io.medsettle.accounts.AccountMovement;
import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.ledger.Money;
import io.medsettle.runs.StepProgress;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code debitAccounts} step (DOMAIN.md §4 "Spending"): the account part of the file's eligible
 * settlements is debited from the members' individual accounts, a cancellation refunds what its
 * settlement was debited, and a re-adjudicated settlement whose account part changed is debited or
 * refunded the difference. Decided member by member from one sorted cursor over the members'
 * movements and the file's items, streamed into {@code account_staging}; {@code finishIntake} posts
 * them with the file's load.
 *
 * <p>A debit larger than what the account holds on its day and after ({@code AvailableBalance}), or
 * for a closed account, is never posted: the row is still loaded and settled for the funds, its
 * account part counts nothing in the month-end's account stream, and the report lists it with the
 * reason. A refund to a closed account is refused the same way.
 */
class DischargeAccounts implements Tasklet {

    static final List<String> STAGING = List.of("file_id", "psn_no", "kind", "amount", "value_date", "source",
            "fixmedins_code", "setl_id", "settlement_period");

    /**
     * The file's items and the movements of their members, one member after another. M: a movement
     * already posted; D: a new eligible settlement's account part; C: a new cancellation; R: a
     * revision's account part. The file id is the query's three parameters.
     */
    static final String QUERY = """
            with items as (
                select 'D' as t, s.psn_no, s.fixmedins_code, s.setl_id, s.setl_time, s.line_no, a.acct_pay as amount,
                       null::varchar as original, f.period as settlement_period
                  from discharge_staging s
                  join adjudication_staging a on a.file_id = s.file_id and a.line_no = s.line_no
                  join intake_file f on f.file_id = s.file_id
                 where s.file_id = ? and not s.rejected and not s.refd_setl_flag and a.eligible and a.acct_pay > 0
                union all
                select 'C', s.psn_no, s.fixmedins_code, s.setl_id, s.setl_time, s.line_no, 0, s.init_setl_id,
                       coalesce(o.period, f.period)
                  from discharge_staging s
                  join adjudication_staging a on a.file_id = s.file_id and a.line_no = s.line_no
                  join intake_file f on f.file_id = s.file_id
                  left join settlement o on o.fixmedins_code = s.fixmedins_code and o.setl_id = s.init_setl_id
                 where s.file_id = ? and not s.rejected and s.refd_setl_flag
                union all
                select 'R', r.psn_no, r.fixmedins_code, r.setl_id, t.setl_time, 0,
                       case when r.eligible and not exists (select 1 from settlement c where c.refd_setl_flag
                                 and c.fixmedins_code = r.fixmedins_code and c.init_setl_id = r.setl_id)
                            then r.acct_pay else 0 end,
                       null, t.period
                  from revision_staging r
                  join settlement t on t.fixmedins_code = r.fixmedins_code and t.setl_id = r.setl_id
                 where r.file_id = ?
            )
            select * from (
                select 'M' as t, m.psn_no, m.fixmedins_code, m.setl_id, null::timestamp as setl_time, 0 as line_no,
                       m.amount, m.kind as original, null::char(7) as settlement_period, m.value_date,
                       exists (select 1 from account_closure c where c.psn_no = m.psn_no) as closed
                  from account_movement m where m.psn_no in (select psn_no from items)
                union all
                select i.t, i.psn_no, i.fixmedins_code, i.setl_id, i.setl_time, i.line_no, i.amount, i.original,
                       i.settlement_period, i.setl_time::date,
                       exists (select 1 from account_closure c where c.psn_no = i.psn_no)
                  from items i
            ) u
            order by psn_no collate "C", t <> 'M', value_date, setl_time, fixmedins_code collate "C", setl_id collate "C\"""";

    /** One row of {@link #QUERY}. */
    record Row(char type, String psnNo, String institution, String setlId, LocalDateTime settledAt, long line,
               Money amount, String original, String settlementPeriod, LocalDate valueDate, boolean closed) {

        static Row map(ResultSet rs, int n) throws SQLException {
            return new Row(rs.getString("t").charAt(0), rs.getString("psn_no"), rs.getString("fixmedins_code"),
                    rs.getString("setl_id"), rs.getObject("setl_time", LocalDateTime.class), rs.getLong("line_no"),
                    Money.of(rs.getBigDecimal("amount")), rs.getString("original"), rs.getString("settlement_period"),
                    rs.getObject("value_date", LocalDate.class), rs.getBoolean("closed"));
        }
    }

    private final DataSource dataSource;
    private final long fileId;

    DischargeAccounts(DataSource dataSource, long fileId) {
        this.dataSource = dataSource;
        this.fileId = fileId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        PgCopy staged = PgCopy.streaming(dataSource, "account_staging", STAGING);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        StepProgress progress = new StepProgress("debitAccounts", "members");
        JdbcCursorItemReader<Row> cursor = cursor();
        cursor.open(new ExecutionContext());
        try {
            List<Row> member = new ArrayList<>();
            for (Row row = cursor.read(); row != null; row = cursor.read()) {
                if (!member.isEmpty() && !member.get(0).psnNo().equals(row.psnNo())) {
                    decide(member, staged, problems);
                    progress.row();
                    member.clear();
                    if (problems.pendingChars() > DischargeAdjudication.BUFFER_CHARS) {
                        // A file whose members' accounts cannot pay makes a problem of nearly every row: sent
                        // as they come, not held (a million of them outgrew a 512 MB heap). One COPY at a time
                        // on the transaction's connection: the movements' stream ends first.
                        staged.flush();
                        problems.flush();
                    }
                }
                member.add(row);
            }
            if (!member.isEmpty()) {
                decide(member, staged, problems);
            }
            staged.flush();
            problems.flush();
        } catch (RuntimeException | Error e) {
            staged.cancel();
            throw e;
        } finally {
            cursor.close();
        }
        return RepeatStatus.FINISHED;
    }

    /** One member: the movements posted so far, then the file's items in order. */
    private void decide(List<Row> rows, PgCopy staged, PgCopy problems) {
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
                        balance, debited, staged, problems);
                case 'C' -> {
                    Money was = debited.getOrDefault(key(row.institution(), row.original()), Money.ZERO);
                    if (was.isPositive()) {
                        refund(row, row.original(), was, "discharge:" + row.institution() + ":" + row.setlId(), balance,
                                debited, staged, problems);
                    }
                }
                case 'R' -> {
                    Money was = debited.getOrDefault(key(row.institution(), row.setlId()), Money.ZERO);
                    Money difference = row.amount().minus(was);
                    String source = "discharge:" + row.institution() + ":" + row.setlId() + ":f" + fileId;
                    if (difference.isPositive()) {
                        debit(row, row.setlId(), difference, source, balance, debited, staged, problems);
                    } else if (difference.isNegative()) {
                        refund(row, row.setlId(), difference.negate(), source, balance, debited, staged, problems);
                    }
                }
                default -> {
                    // A movement already posted: read above.
                }
            }
        }
    }

    private void debit(Row row, String setlId, Money amount, String source, AvailableBalance balance,
                       Map<String, Money> debited, PgCopy staged, PgCopy problems) {
        if (row.closed()) {
            problem(problems, row, "个人账户已注销，个人账户支付未扣减", "the individual account is closed: its account payment was not debited");
            return;
        }
        Money available = balance.on(row.valueDate());
        if (amount.isGreaterThan(available)) {
            problem(problems, row, "个人账户余额不足(可用" + available + "元)，个人账户支付未扣减",
                    "account balance insufficient (" + available + " available): its account payment was not debited");
            return;
        }
        stage(staged, row, setlId, AccountMovement.Kind.SPENDING, amount.negate(), source);
        balance.add(new AccountMovement(AccountMovement.Kind.SPENDING, row.valueDate(), amount.negate()));
        debited.merge(key(row.institution(), setlId), amount, Money::plus);
    }

    private void refund(Row row, String setlId, Money amount, String source, AvailableBalance balance,
                        Map<String, Money> debited, PgCopy staged, PgCopy problems) {
        if (row.closed()) {
            problem(problems, row, "个人账户已注销，退回个人账户的" + amount + "元未入账",
                    "the individual account is closed: the refund of " + amount + " was not credited");
            return;
        }
        stage(staged, row, setlId, AccountMovement.Kind.REFUND, amount, source);
        balance.add(new AccountMovement(AccountMovement.Kind.REFUND, row.valueDate(), amount));
        debited.merge(key(row.institution(), setlId), amount.negate(), Money::plus);
    }

    private void stage(PgCopy staged, Row row, String setlId, AccountMovement.Kind kind, Money amount, String source) {
        staged.row().number(fileId).text(row.psnNo()).text(kind.name().toLowerCase(Locale.ROOT)).money(amount)
                .date(row.valueDate()).text(source).text(row.institution()).text(setlId).text(row.settlementPeriod())
                .end();
    }

    private void problem(PgCopy problems, Row row, String reasonZh, String reasonEn) {
        problems.row().number(fileId).number(row.line()).text("acct_pay").text(row.amount().toString())
                .text(reasonZh + (row.line() == 0 ? "(结算 " + row.institution() + " " + row.setlId() + ")" : ""))
                .text(reasonEn + (row.line() == 0 ? " (settlement " + row.institution() + " " + row.setlId() + ")" : ""))
                .text("account").end();
    }

    private static String key(String institution, String setlId) {
        return institution + "\u0000" + setlId;
    }

    private JdbcCursorItemReader<Row> cursor() {
        JdbcCursorItemReader<Row> cursor = new JdbcCursorItemReader<>(dataSource, QUERY, Row::map) {
            @Override
            protected void openCursor(Connection connection) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local work_mem = '" + MemberRowsReader.SORT_MEMORY + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare the accounts cursor: " + e.getMessage(), e);
                }
                super.openCursor(connection);
            }
        };
        cursor.setName("accountRows");
        cursor.setPreparedStatementSetter(ps -> {
            for (int i = 1; i <= 3; i++) {
                ps.setLong(i, fileId);
            }
        });
        cursor.setFetchSize(5_000);
        cursor.setConnectionAutoCommit(false);
        cursor.setSaveState(false);
        return cursor;
    }
}
