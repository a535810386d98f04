package io.medsettle.yearend;

import io.medsettle.accountbook.InterestRatesTable;
import io.medsettle.adjudication.PolicyProfile;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.runs.LedgerEntries;
import io.medsettle.runs.StepProgress;
import io.medsettle.settlement.YearEndLine;
import io.medsettle.settlement.YearEndPostings;

import java.util.ArrayList;
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
 * The {@code yearEnd} job (README.md beside this class): close the year, then write each
 * institution's statement, then the fund's statements. Job parameters: {@code year} and {@code mode}
 * ({@code preview} or {@code approve}) identify it, a preview also by the time it was asked for (every
 * preview is a new run); {@code profile} is the policy profile.
 */
@Configuration(proxyBeanMethods = false)
class YearEndJobConfiguration {

    static final String JOB_NAME = "yearEnd";
    static final String RUN_ID = "runId";
    /** Each item is a small workbook of twelve months. */
    static final int INSTITUTIONS_PER_CHUNK = 50;

    @Bean
    Job yearEndJob(JobRepository jobRepository, Step closeYear, Step writeInstitutionYearStatements,
                   Step writeYearEndStatements) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(closeYear)
                .next(writeInstitutionYearStatements)
                .next(writeYearEndStatements)
                .build();
    }

    /**
     * Computes the run (the institutions' release, compensation and proposals, and every account's
     * interest, streamed); approval also posts it and closes the year, in this step's transaction. If
     * the process dies after that commit but before the step is recorded as done, the restart finds the
     * year approved by this very job instance (approving an approved year is refused before the job
     * starts) and carries on from that run.
     */
    @Bean
    Step closeYear(JobRepository jobRepository, PlatformTransactionManager transactionManager, YearEndRuns yearEndRuns,
                   YearEndRecords records, MedsettleProperties properties) {
        return new StepBuilder("closeYear", jobRepository)
                .listener(new StepProgress("closeYear", "institutions"))
                .tasklet((contribution, chunk) -> {
                    int year = (int) (long) (Long) chunk.getStepContext().getJobParameters().get("year");
                    PolicyProfile profile = PolicyProfiles.load(properties.policies(), parameter(chunk, "profile"));
                    YearEndRuns.Policy policy = new YearEndRuns.Policy(profile.id(), profile.yearEnd(), profile.accounts());
                    long runId = YearEnd.Mode.parse(parameter(chunk, "mode")) == YearEnd.Mode.APPROVE
                            ? records.approvedRun(year).map(YearEndRecords.RunHeader::runId)
                                    .orElseGet(() -> yearEndRuns.approve(year, policy))
                            : yearEndRuns.preview(year, policy);
                    chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putLong(RUN_ID, runId);
                    contribution.incrementWriteCount(records.lines(runId).size());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step writeInstitutionYearStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                        JdbcCursorItemReader<YearEndLine> yearEndLineReader,
                                        InstitutionYearStatements institutionYearStatements) {
        return new StepBuilder("writeInstitutionYearStatements", jobRepository)
                .listener(new StepProgress("writeInstitutionYearStatements", "institutions"))
                .<YearEndLine, YearEndLine>chunk(INSTITUTIONS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(yearEndLineReader)
                .writer(institutionYearStatements)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<YearEndLine> yearEndLineReader(DataSource dataSource,
                                                        @Value("#{jobExecutionContext['runId']}") Long runId) {
        return new JdbcCursorItemReaderBuilder<YearEndLine>()
                .name("yearEndLineReader")
                .dataSource(dataSource)
                .sql(YearEndRecords.LINES_SQL + " where run_id = ? order by fixmedins_code")
                .preparedStatementSetter(statement -> statement.setLong(1, runId))
                .rowMapper((rs, n) -> YearEndRecords.line(rs))
                .build();
    }

    @Bean
    @StepScope
    InstitutionYearStatements institutionYearStatements(YearEndRecords records, MedsettleProperties properties,
                                                        @Value("#{jobExecutionContext['runId']}") Long runId) {
        YearEndRecords.RunHeader run = records.header(runId);
        return new InstitutionYearStatements(run, YearStatementFolder.of(properties.out(), run.year(), run.approved()),
                records, records.costs(runId));
    }

    @Bean
    Step writeYearEndStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                YearEndRecords records, LedgerEntries ledgerEntries, InterestRatesTable rates,
                                DataSource dataSource, MedsettleProperties properties) {
        return new StepBuilder("writeYearEndStatements", jobRepository)
                .listener(new StepProgress("writeYearEndStatements", "accounts"))
                .tasklet((contribution, chunk) -> {
                    long runId = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                            .getLong(RUN_ID);
                    YearEndRecords.RunHeader run = records.header(runId);
                    List<YearEndLine> lines = records.lines(runId);
                    YearStatementFolder folder = YearStatementFolder.of(properties.out(), run.year(), run.approved());
                    List<LedgerEntries.Row> postings;
                    if (run.approved()) {
                        postings = ledgerEntries.posted("year-end:" + run.year() + ":");
                    } else {
                        List<JournalEntry> entries = new ArrayList<>();
                        lines.forEach(l -> entries.addAll(YearEndPostings.of(run.year(), run.postingDate(), l)));
                        postings = ledgerEntries.draft(entries);
                    }
                    YearEndStatements.write(folder, run, records.summary(run), lines, records.costs(runId),
                            rates.rows(), rates.all(), postings, records.banks(runId));
                    contribution.incrementWriteCount(AccountsYearCsv.write(dataSource, folder.accountsCsv(), runId, run.year()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    private static String parameter(ChunkContext chunk, String name) {
        return (String) chunk.getStepContext().getJobParameters().get(name);
    }
}
