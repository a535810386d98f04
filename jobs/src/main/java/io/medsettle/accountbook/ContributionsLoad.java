package io.medsettle.accountbook;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.app.PgCopy;
import io.medsettle.files.Identifiers;
import io.medsettle.files.InputRow;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code load contributions}: what employers and members paid, per member and month (formats.md),
 * merged by key ({@code psn_no}, {@code period}) in set-based statements, so that a city's month of
 * a million rows loads at COPY speed.
 *
 * <p>A row without {@code paid_date} is in arrears: it is kept, and a later row of the same key with
 * a paid date completes it (补缴). A row with a paid date is final: the same row again is recognised
 * and changes nothing; the same key with other figures is a bad row, reported and never merged. The
 * allocation to the member's account is not made here but by the month-end of the month it was paid
 * in (先缴后划, DOMAIN.md §4).
 */
@Service
class ContributionsLoad {

    private static final int FLUSH_ROWS = 10_000;

    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final MedsettleProperties properties;
    private final Clock clock;

    ContributionsLoad(JobRuns jobRuns, JdbcClient jdbc, DataSource dataSource, MedsettleProperties properties, Clock clock) {
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public LoadResult load(Path file) {
        // A month-end approval allocates contributions: it must not read a file half merged.
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(30));
        try (LoadSession session = LoadSession.open(AccountFileKind.CONTRIBUTIONS, file, properties.out(), clock)) {
            jdbc.sql("""
                    create temporary table load_contribution (
                        line_no integer not null, psn_no varchar(30) not null, period char(7) not null, emp_no varchar(30),
                        base numeric(14, 2) not null, employer_amt numeric(14, 2) not null,
                        personal_amt numeric(14, 2) not null, paid_date date
                    ) on commit drop""").update();
            PgCopy copy = PgCopy.into(dataSource, "load_contribution",
                    List.of("line_no", "psn_no", "period", "emp_no", "base", "employer_amt", "personal_amt", "paid_date"));
            Set<String> keys = new HashSet<>();
            long copied = 0;
            for (InputRow row : session.rows()) {
                String psnNo = Identifiers.memberNumber(row, "psn_no");
                YearMonth period = row.month("period");
                String employer = row.optionalText("emp_no", 30);
                Money base = row.money("base");
                Money employerAmount = row.money("employer_amt");
                Money personalAmount = row.money("personal_amt");
                LocalDate paid = row.optionalDate("paid_date");
                if (psnNo != null && period != null && !keys.add(psnNo + "/" + period)) {
                    row.problem("period", period.toString(), "同一人员同一期间在文件中重复出现",
                            "the same member and period appear twice in the file");
                }
                if (row.hasProblems()) {
                    session.reject(row);
                    continue;
                }
                copy.row().number(row.line()).text(psnNo).text(period.toString()).text(employer).money(base)
                        .money(employerAmount).money(personalAmount).date(paid).end();
                if (++copied % FLUSH_ROWS == 0) {
                    copy.flush();
                }
            }
            copy.flush();
            jdbc.sql("analyze load_contribution").update();
            rejectWhere(session, "psn_no", "l.psn_no", "参保人员不存在", "member unknown",
                    "not exists (select 1 from member m where m.psn_no = l.psn_no)");
            rejectWhere(session, "paid_date", "coalesce(l.paid_date::text, '')", "该期缴费已到账,不再变更;本行内容与已载入的不同(不合并)",
                    "this contribution was paid and is final; the row's figures differ from those loaded (not merged)",
                    "exists (select 1 from contribution c where c.psn_no = l.psn_no and c.period = l.period"
                            + " and c.paid_date is not null and " + differs("c", "l") + ")");
            long unchanged = jdbc.sql("""
                            delete from load_contribution l using contribution c
                             where c.psn_no = l.psn_no and c.period = l.period and not %s""".formatted(differs("c", "l")))
                    .update();
            Timestamp now = Timestamp.from(clock.instant());
            long completed = jdbc.sql("""
                            update contribution c set emp_no = l.emp_no, base = l.base, employer_amt = l.employer_amt,
                                   personal_amt = l.personal_amt, paid_date = l.paid_date, loaded_at = ?
                              from load_contribution l
                             where c.psn_no = l.psn_no and c.period = l.period and c.paid_date is null""")
                    .param(now).update();
            long inserted = jdbc.sql("""
                            insert into contribution (psn_no, period, emp_no, base, employer_amt, personal_amt, paid_date, loaded_at)
                            select l.psn_no, l.period, l.emp_no, l.base, l.employer_amt, l.personal_amt, l.paid_date, ?
                              from load_contribution l
                             where not exists (select 1 from contribution c where c.psn_no = l.psn_no and c.period = l.period)""")
                    .param(now).update();
            return session.result(completed + inserted, unchanged);
        }
    }

    private static String differs(String a, String b) {
        return "(" + a + ".emp_no, " + a + ".base, " + a + ".employer_amt, " + a + ".personal_amt, " + a + ".paid_date)"
                + " is distinct from (" + b + ".emp_no, " + b + ".base, " + b + ".employer_amt, " + b + ".personal_amt, "
                + b + ".paid_date)";
    }

    /** Reports the copied rows that fail a check, and takes them out of the load. */
    private void rejectWhere(LoadSession session, String column, String value, String reasonZh, String reasonEn,
                             String failing) {
        jdbc.sql("select l.line_no, " + value + " from load_contribution l where " + failing + " order by l.line_no")
                .query(rs -> {
                    session.reject(rs.getLong(1), column, rs.getString(2), reasonZh, reasonEn);
                });
        jdbc.sql("delete from load_contribution l where " + failing).update();
    }
}
