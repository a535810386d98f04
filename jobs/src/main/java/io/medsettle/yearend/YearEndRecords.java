package io.medsettle.yearend;

import io.medsettle.accounts.InterestMethod;
import io.medsettle.ledger.Money;
import io.medsettle.settlement.AverageProposal;
import io.medsettle.settlement.HoldbackRelease;
import io.medsettle.settlement.YearEndLine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The year-end runs as stored: what the statements and the summary are written from. */
@Repository
class YearEndRecords {

    record RunHeader(long runId, int year, boolean approved, String profile, InterestMethod method, BigDecimal growth,
                     Money surplus, LocalDate postingDate, Instant computedAt, Optional<Instant> approvedAt) {
    }

    private final JdbcClient jdbc;

    YearEndRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RunHeader> approvedRun(int year) {
        return jdbc.sql("select * from year_end_run where year = ? and status = 'APPROVED'").param(year)
                .query((rs, n) -> header(rs)).optional();
    }

    RunHeader header(long runId) {
        return find(runId).orElseThrow(() -> new IllegalStateException("no year-end run " + runId));
    }

    Optional<RunHeader> find(long runId) {
        return jdbc.sql("select * from year_end_run where run_id = ?").param(runId).query((rs, n) -> header(rs)).optional();
    }

    private static RunHeader header(ResultSet rs) throws SQLException {
        return new RunHeader(rs.getLong("run_id"), rs.getInt("year"), "APPROVED".equals(rs.getString("status")),
                rs.getString("profile"), InterestMethod.valueOf(rs.getString("interest_method")), rs.getBigDecimal("growth"),
                Money.of(rs.getBigDecimal("surplus")), rs.getObject("posting_date", LocalDate.class),
                rs.getTimestamp("computed_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("approved_at")).map(java.sql.Timestamp::toInstant));
    }

    void store(long runId, YearEndLine line, List<AverageProposal.YearCost> years) {
        HoldbackRelease.Held held = line.held();
        HoldbackRelease.Held forfeited = line.release().forfeited();
        jdbc.sql("""
                        insert into year_end_line (run_id, fixmedins_code, fixmedins_name, held_pooled, held_sup, held_acct,
                               held_back, score, release_rate, released, forfeited_pooled, forfeited_sup, forfeited_acct,
                               forfeited, unpaid_over_budget, compensation, payment, discharges, proposed_avg, bank_name,
                               bank_account)
                        select :run, :code, :name, :heldPooled, :heldSup, :heldAcct, :held, :score, :rate, :released,
                               :fPooled, :fSup, :fAcct, :forfeited, :unpaid, :compensation, :payment, :discharges,
                               :proposed, i.bank_name, i.bank_account
                          from (select 1) one
                          left join institution i on i.fixmedins_code = :code and i.valid_to is null""")
                .param("run", runId).param("code", line.code()).param("name", line.name())
                .param("heldPooled", held.pooled().amount()).param("heldSup", held.supplementary().amount())
                .param("heldAcct", held.account().amount()).param("held", held.total().amount())
                .param("score", line.score().orElse(null))
                .param("rate", line.score().isPresent() ? line.release().rate() : null)
                .param("released", line.release().released().amount())
                .param("fPooled", forfeited.pooled().amount()).param("fSup", forfeited.supplementary().amount())
                .param("fAcct", forfeited.account().amount()).param("forfeited", forfeited.total().amount())
                .param("unpaid", line.unpaidOverBudget().amount()).param("compensation", line.compensation().amount())
                .param("payment", line.payment().amount()).param("discharges", line.discharges())
                .param("proposed", line.proposed().map(Money::amount).orElse(null))
                .update();
        for (AverageProposal.YearCost c : years) {
            jdbc.sql("insert into year_end_cost (run_id, fixmedins_code, year, discharges, cost) values (?, ?, ?, ?, ?)")
                    .params(runId, line.code(), c.year(), c.discharges(), c.cost().amount()).update();
        }
    }

    static final String LINES_SQL = "select * from year_end_line";

    List<YearEndLine> lines(long runId) {
        return jdbc.sql(LINES_SQL + " where run_id = ? order by fixmedins_code").param(runId)
                .query((rs, n) -> line(rs)).list();
    }

    static YearEndLine line(ResultSet rs) throws SQLException {
        Optional<BigDecimal> score = Optional.ofNullable(rs.getBigDecimal("score"));
        BigDecimal rate = Optional.ofNullable(rs.getBigDecimal("release_rate")).orElse(BigDecimal.ZERO).stripTrailingZeros();
        return new YearEndLine(rs.getString("fixmedins_code"), rs.getString("fixmedins_name"),
                new HoldbackRelease.Held(money(rs, "held_pooled"), money(rs, "held_sup"), money(rs, "held_acct")),
                score.map(BigDecimal::stripTrailingZeros),
                new HoldbackRelease.Release(rate, money(rs, "released"),
                        new HoldbackRelease.Held(money(rs, "forfeited_pooled"), money(rs, "forfeited_sup"),
                                money(rs, "forfeited_acct"))),
                money(rs, "unpaid_over_budget"), money(rs, "compensation"), rs.getLong("discharges"),
                Optional.ofNullable(rs.getBigDecimal("proposed_avg")).map(Money::of));
    }

    /** The years behind each institution's proposal, by institution. */
    Map<String, List<AverageProposal.YearCost>> costs(long runId) {
        Map<String, List<AverageProposal.YearCost>> byInstitution = new HashMap<>();
        jdbc.sql("select fixmedins_code, year, discharges, cost from year_end_cost where run_id = ? order by 1, 2")
                .param(runId)
                .query(rs -> {
                    byInstitution.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new AverageProposal.YearCost(rs.getInt(2), rs.getLong(3), money(rs, "cost")));
                });
        return byInstitution;
    }

    /** The run's totals: its lines summed, and its interest. */
    YearEndSummary summary(RunHeader run) {
        return jdbc.sql("""
                        select count(*) filter (where held_back <> 0 or unpaid_over_budget <> 0),
                               coalesce(sum(held_back), 0), coalesce(sum(released), 0), coalesce(sum(forfeited), 0),
                               coalesce(sum(unpaid_over_budget), 0), coalesce(sum(compensation), 0),
                               coalesce(sum(payment), 0), count(proposed_avg),
                               (select count(*) from year_end_interest i where i.run_id = :run),
                               (select coalesce(sum(interest), 0) from year_end_interest i where i.run_id = :run)
                          from year_end_line where run_id = :run""")
                .param("run", run.runId())
                .query((rs, n) -> new YearEndSummary(rs.getInt(1), money(rs, 2), money(rs, 3), money(rs, 4), money(rs, 5),
                        run.surplus(), money(rs, 6), money(rs, 7), rs.getInt(8), run.method(), rs.getLong(9),
                        money(rs, 10)))
                .single();
    }

    /** Where each institution of the run is paid: bank name and account, by code (absent when unknown). */
    Map<String, List<String>> banks(long runId) {
        Map<String, List<String>> banks = new HashMap<>();
        jdbc.sql("select fixmedins_code, bank_name, bank_account from year_end_line where run_id = ? and bank_account is not null")
                .param(runId)
                .query(rs -> {
                    banks.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3)));
                });
        return banks;
    }

    private static Money money(ResultSet rs, int column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }

    /** One month of an institution's year: what it held back per stream and what was left unpaid. */
    record Month(String period, Money pooled, Money supplementary, Money account, Money unpaid) {

        Money held() {
            return pooled.plus(supplementary).plus(account);
        }
    }

    List<Month> months(String code, int year) {
        return jdbc.sql("""
                        select r.period, l.pooled_held_back + l.adj_pooled_held_back, l.sup_held_back + l.adj_sup_held_back,
                               l.acct_held_back + l.adj_acct_held_back, l.unpaid_over_budget
                          from month_end_line l
                          join month_end_run r on r.run_id = l.run_id and r.status = 'APPROVED'
                         where l.fixmedins_code = ? and r.period like ?
                         order by r.period""")
                .params(code, year + "-%")
                .query((rs, n) -> new Month(rs.getString(1), money(rs, 2), money(rs, 3), money(rs, 4), money(rs, 5)))
                .list();
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }
}
