package io.medsettle.intake;

import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.runs.StepProgress;

import java.nio.file.Path;
import java.time.YearMonth;

import javax.sql.DataSource;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code dischargeIntake} job (README.md beside this class): stage the file's rows, then check
 * them against the reference data, adjudicate them member-year by member-year and load them into
 * {@code settlement} in one step, one transaction, written once. Job parameters, all identifying: {@code file}, {@code sha256}, {@code institution},
 * {@code period}, {@code profile} and {@code fileId} (a file sent again after a rejection is a new
 * registration, and must be a new job instance, never the restart of the old one).
 */
@Configuration(proxyBeanMethods = false)
class DischargeIntakeJobConfiguration {

    static final String JOB_NAME = "dischargeIntake";

    /**
     * Staging may reject the whole file; the job then ends there, having loaded nothing. Any other
     * end of staging but completion fails the job (a restart resumes at that step).
     */
    @Bean
    Job dischargeIntakeJob(JobRepository jobRepository, Step stageDischarges, Step loadDischarges) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(stageDischarges).on(DischargeStaging.REJECTED.getExitCode()).end()
                .from(stageDischarges).on(ExitStatus.COMPLETED.getExitCode()).to(loadDischarges)
                .from(stageDischarges).on("*").fail()
                .end()
                .build();
    }

    @Bean
    Step stageDischarges(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         DischargeStaging dischargeStaging) {
        return new StepBuilder("stageDischarges", jobRepository)
                .listener(new StepProgress("stageDischarges", "rows"))
                .tasklet(dischargeStaging, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    DischargeStaging dischargeStaging(DataSource dataSource, IntakeFiles files, MedsettleProperties properties,
                                      @Value("#{jobParameters['file']}") String file,
                                      @Value("#{jobParameters['fileId']}") Long fileId,
                                      @Value("#{jobParameters['institution']}") String institution,
                                      @Value("#{jobParameters['period']}") String period,
                                      @Value("#{jobParameters['profile']}") String profile) {
        return new DischargeStaging(dataSource, files, Path.of(file), fileId, institution, YearMonth.parse(period),
                PolicyProfiles.load(properties.policies(), profile).lateFiles());
    }

    @Bean
    Step loadDischarges(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        DischargeLoad dischargeLoad) {
        return new StepBuilder("loadDischarges", jobRepository)
                .listener(new StepProgress("loadDischarges", "rows"))
                .tasklet(dischargeLoad, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    DischargeLoad dischargeLoad(DataSource dataSource, JdbcClient jdbc, ReferenceChecks referenceChecks, FileLoad fileLoad,
                                MedsettleProperties properties,
                                @Value("#{jobParameters['file']}") String file,
                                @Value("#{jobParameters['fileId']}") Long fileId,
                                @Value("#{jobParameters['period']}") String period,
                                @Value("#{jobParameters['profile']}") String profile) {
        BenefitEngine engine = new BenefitEngine(PolicyProfiles.load(properties.policies(), profile));
        return new DischargeLoad(dataSource, jdbc, referenceChecks,
                new MemberAdjudicator(engine, Path.of(file).getFileName().toString()), fileLoad, fileId,
                YearMonth.parse(period).toString());
    }
}
