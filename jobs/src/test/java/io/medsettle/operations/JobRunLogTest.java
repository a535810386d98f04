package io.medsettle.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * The end line of a run that failed: a WARN, its exit description the failure's own message on one
 * line (not the stack trace Spring Batch keeps as the exit description), the steps' counts summed, the
 * parameters by name.
 */
class JobRunLogTest {

    @Test
    void aFailedRunEndsWithAWarningThatSaysWhyOnOneLine() {
        JobExecution execution = new JobExecution(7L, new JobInstance(3L, "monthEnd"), new JobParameters(new LinkedHashSet<>(
                List.of(new JobParameter<>("period", "2097-03", String.class), new JobParameter<>("mode", "approve", String.class)))));
        execution.setStartTime(LocalDateTime.of(2097, 4, 11, 3, 0, 0));
        execution.setEndTime(LocalDateTime.of(2097, 4, 11, 3, 0, 2, 500_000_000));
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(new ExitStatus("FAILED", "java.lang.IllegalStateException: wrapped\n\tat a.b.C.d(C.java:1)"));
        execution.addFailureException(new RuntimeException("step failed",
                new IllegalStateException("the \"statement\"\n  folder is not writable")));
        for (String step : new String[] {"settlePeriod", "writeFundStatements"}) {
            StepExecution stepExecution = new StepExecution(step, execution);
            stepExecution.setReadCount(10);
            stepExecution.setWriteCount(4);
            execution.addStepExecution(stepExecution);
        }

        Logger jobs = (Logger) LoggerFactory.getLogger(JobRunLog.LOGGER);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        jobs.addAppender(captured);
        try {
            JobRunLog log = new JobRunLog();
            log.beforeJob(execution);
            log.afterJob(execution);
        } finally {
            jobs.detachAppender(captured);
        }

        assertThat(captured.list).hasSize(2);
        assertThat(pairs(captured.list.get(0))).containsEntry("parameters", "mode=approve,period=2097-03");
        ILoggingEvent ended = captured.list.get(1);
        assertThat(ended.getLevel()).isEqualTo(Level.WARN);
        assertThat(pairs(ended)).containsEntry("status", BatchStatus.FAILED).containsEntry("exit_code", "FAILED")
                .containsEntry("duration_ms", 2500L).containsEntry("read_count", 20L).containsEntry("write_count", 8L)
                .containsEntry("steps", 2).containsEntry("exit_description", "the 'statement' folder is not writable");
    }

    private static Map<String, Object> pairs(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
    }
}
