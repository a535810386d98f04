package io.medsettle.monthend;

import io.medsettle.adjudication.PolicyProfile;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.runs.LedgerEntries;
import io.medsettle.runs.StepProgress;
import io.medsettle.settlement.SettledAdjustment;

import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code monthEnd} job (README.md beside this class): settle the period, then write each
 * institution's statement, then the fund's statements. Job parameters: {@code period} and
 * {@code mode} ({@code preview} or {@code approve}) identify it, a preview also by the time it was
 * asked for (every preview is a new run); {@code profile} is the policy profile.
 */
@Configuration(proxyBeanMethods = false)
class MonthEndJobConfiguration {

    static final String JOB_NAME = "monthEnd";
    static final String RUN_ID = "runId";
    /** Each item is a whole workbook (up to every discharge of a hospital's month), so chunks are small. */
    static final int INSTITUTIONS_PER_CHUNK = 10;

    @Bean
    Job monthEndJob(JobRepository jobRepository, Step settlePeriod, Step writeInstitutionStatements,
                    Step writeFundStatements) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(settlePeriod)
                .next(writeInstitutionStatements)
                .next(writeFundStatements)
                .build();
    }

    /**
     * Computes the run; approval also posts it and closes the period, in this step's transaction.
     * If the process dies after that commit but before the step is recorded as done, the restart
     * finds the period approved by this very job instance (approving an approved period is refused
     * before the job starts) and carries on from that run.
     */
    @Bean
    Step settlePeriod(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                      MonthEndRuns monthEndRuns, MonthEndRecords records, MedsettleProperties properties) {
        return new StepBuilder("settlePeriod", jobRepository)
                .listener(new StepProgress("settlePeriod", "rows"))
                .tasklet((contribution, chunk) -> {
                    YearMonth period = YearMonth.parse(parameter(chunk, "period"));
                    PolicyProfile profile = PolicyProfiles.load(properties.policies(), parameter(chunk, "profile"));
                    MonthEndRuns.Policy policy = new MonthEndRuns.Policy(profile.id(), profile.settlementMethod(),
                            profile.holdbackRate(), profile.accounts().allocation());
                    long runId = MonthEnd.Mode.parse(parameter(chunk, "mode")) == MonthEnd.Mode.APPROVE
                            ? records.approvedRun(period).map(MonthEndRecords.RunHeader::runId)
                                    .orElseGet(() -> monthEndRuns.approve(period, policy).id())
                            : monthEndRuns.preview(period, policy).id();
                    chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putLong(RUN_ID, runId);
                    contribution.incrementWriteCount(records.lines(runId).size());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step writeInstitutionStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    JdbcCursorItemReader<MonthEndRecords.RunLine> runLineReader,
                                    InstitutionStatements institutionStatements) {
        return new StepBuilder("writeInstitutionStatements", jobRepository)
                .listener(new StepProgress("writeInstitutionStatements", "rows"))
                .<MonthEndRecords.RunLine, MonthEndRecords.RunLine>chunk(INSTITUTIONS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(runLineReader)
                .writer(institutionStatements)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<MonthEndRecords.RunLine> runLineReader(DataSource dataSource,
                                                                @Value("#{jobExecutionContext['runId']}") Long runId) {
        return new JdbcCursorItemReaderBuilder<MonthEndRecords.RunLine>()
                .name("runLineReader")
                .dataSource(dataSource)
                .sql(MonthEndRecords.LINES_SQL + " where l.run_id = ? order by l.fixmedins_code")
                .preparedStatementSetter(statement -> statement.setLong(1, runId))
                .rowMapper((rs, n) -> MonthEndRecords.line(rs))
                .build();
    }

    @Bean
    @StepScope
    InstitutionStatements institutionStatements(MonthEndRecords records, MedsettleProperties properties,
                                                DataSource dataSource, PlatformTransactionManager transactionManager,
                                                @Value("#{jobExecutionContext['runId']}") Long runId) {
        MonthEndRecords.RunHeader run = records.header(runId);
        return new InstitutionStatements(run, StatementFolder.of(properties.out(), run.period(), run.approved()),
                records, dataSource, new WorkbookWorkers(transactionManager));
    }

    @Bean
    Step writeFundStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             MonthEndRecords records, LedgerEntries ledgerEntries, MedsettleProperties properties) {
        return new StepBuilder("writeFundStatements", jobRepository)
                .listener(new StepProgress("writeFundStatements", "rows"))
                .tasklet((contribution, chunk) -> {
                    long runId = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                            .getLong(RUN_ID);
                    MonthEndRecords.RunHeader run = records.header(runId);
                    List<MonthEndRecords.RunLine> lines = records.lines(runId);
                    List<SettledAdjustment> adjustments = records.adjustments(runId);
                    List<LedgerEntries.Row> postings = run.approved() ? ledgerEntries.posted("month-end:" + run.period() + ":")
                            : ledgerEntries.draft(MonthEndRecords.draftEntries(run.period(), lines, adjustments));
                    FundStatements.write(StatementFolder.of(properties.out(), run.period(), run.approved()), run, lines,
                            adjustments, records.allocationSummary(runId), postings);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    private static String parameter(ChunkContext chunk, String name) {
        return (String) chunk.getStepContext().getJobParameters().get(name);
    }
}
