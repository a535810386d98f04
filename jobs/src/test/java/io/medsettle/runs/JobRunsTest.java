package io.medsettle.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.support.MedsettleSpringTest;

import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

@Import(JobRunsTest.Jobs.class)
class JobRunsTest extends MedsettleSpringTest {

    static final CountDownLatch started = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger runs = new AtomicInteger();

    @TestConfiguration
    static class Jobs {
        @Bean
        Job waitingJob(JobRepository jobRepository, PlatformTransactionManager tm) {
            return new JobBuilder("waitingJob", jobRepository)
                    .start(new StepBuilder("wait", jobRepository).tasklet((contribution, chunk) -> {
                        runs.incrementAndGet();
                        started.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return RepeatStatus.FINISHED;
                    }, tm).build())
                    .build();
        }
    }

    @Autowired
    JobRuns jobRuns;

    @Autowired
    Job waitingJob;

    @Autowired
    JobRepository jobRepository;

    @Test
    void aSecondRunOfTheSameKeyIsRefusedAndSaysWhoHoldsIt() throws Exception {
        JobParameters parameters = new JobParametersBuilder().addString("period", "2026-03").toJobParameters();
        CompletableFuture<JobExecution> first = CompletableFuture.supplyAsync(
                () -> jobRuns.run(waitingJob, parameters, "waitingJob:2026-03", JobRuns.Trigger.SCHEDULE));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> jobRuns.run(waitingJob, parameters, "waitingJob:2026-03", JobRuns.Trigger.MANUAL))
                .isInstanceOf(RunInProgressException.class)
                .hasMessageContaining("waitingJob:2026-03 is already running")
                .hasMessageContaining("held by medsettle pid " + ProcessHandle.current().pid() + " schedule")
                .hasMessageContaining("since");

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void anExecutionLeftStartedByAKilledProcessIsRecoveredAndTheJobCompletes() throws Exception {
        release.countDown();
        JobParameters parameters = new JobParametersBuilder().addString("period", "2026-04").toJobParameters();
        // What a killed process leaves behind: an execution that says it is still running.
        JobInstance instance = jobRepository.createJobInstance("waitingJob", parameters);
        JobExecution abandoned = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        abandoned.setStatus(BatchStatus.STARTED);
        abandoned.setStartTime(LocalDateTime.now().minusHours(1));
        jobRepository.update(abandoned);

        JobExecution execution = jobRuns.run(waitingJob, parameters, "waitingJob:2026-04", JobRuns.Trigger.MANUAL);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecution(abandoned.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }
}
