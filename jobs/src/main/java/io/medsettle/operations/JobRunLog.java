package io.medsettle.operations;

import io.medsettle.runs.JobFailures;

import java.time.Duration;
import java.util.Comparator;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * One log line when a job run starts and one when it ends, with the run's facts as key=value pairs
 * (SLF4J's key-value pairs, which {@code logback.xml} writes after the message, and which a JSON
 * encoder would write as fields):
 *
 * <pre>
 * job run started job="dischargeIntake" execution_id="42" parameters="file=/…/2025-01.csv,fileId=7,…"
 * job run ended job="dischargeIntake" execution_id="42" status="COMPLETED" exit_code="COMPLETED" duration_ms="812"
 *     read_count="1200" write_count="1198" filter_count="0" skip_count="2" steps="5" exit_description=""
 * </pre>
 *
 * <p>Attached to every job of the application as it is created (it is the post-processor of every
 * {@link AbstractJob} bean), so that no job, however it is started, runs without its lines. They go
 * to the {@code medsettle.jobs} logger: the log file only, never the operator's terminal. A run that
 * does not complete ends with a WARN line, and its exit description is the failure's own message
 * (the innermost cause, on one line), not the stack trace Spring Batch keeps.
 */
@Component
class JobRunLog implements JobExecutionListener, BeanPostProcessor {

    static final String LOGGER = "medsettle.jobs";

    /** Exit descriptions longer than this are cut: the line is for monitoring, the details are above it. */
    private static final int DESCRIPTION_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        log.atInfo().setMessage("job run started")
                .addKeyValue("job", execution.getJobInstance().getJobName())
                .addKeyValue("execution_id", execution.getId())
                .addKeyValue("parameters", parameters(execution))
                .log();
    }

    @Override
    public void afterJob(JobExecution execution) {
        // Spring Batch sets the end time before it calls the listeners.
        Duration duration = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        log.atLevel(execution.getStatus() == BatchStatus.COMPLETED ? Level.INFO : Level.WARN)
                .setMessage("job run ended")
                .addKeyValue("job", execution.getJobInstance().getJobName())
                .addKeyValue("execution_id", execution.getId())
                .addKeyValue("status", execution.getStatus())
                .addKeyValue("exit_code", execution.getExitStatus().getExitCode())
                .addKeyValue("duration_ms", duration.toMillis())
                .addKeyValue("read_count", sum(execution, StepExecution::getReadCount))
                .addKeyValue("write_count", sum(execution, StepExecution::getWriteCount))
                .addKeyValue("filter_count", sum(execution, StepExecution::getFilterCount))
                .addKeyValue("skip_count", sum(execution, StepExecution::getSkipCount))
                .addKeyValue("steps", execution.getStepExecutions().size())
                .addKeyValue("exit_description", description(execution))
                .log();
    }

    /** The parameters by name, {@code name=value} separated by commas. */
    static String parameters(JobExecution execution) {
        return execution.getJobParameters().parameters().stream().sorted(Comparator.comparing(JobParameter::name))
                .map(p -> p.name() + "=" + p.value()).map(JobRunLog::oneLine).collect(Collectors.joining(","));
    }

    private static long sum(JobExecution execution, ToLongFunction<StepExecution> count) {
        return execution.getStepExecutions().stream().mapToLong(count).sum();
    }

    private static String description(JobExecution execution) {
        String description = execution.getStatus() == BatchStatus.COMPLETED
                ? execution.getExitStatus().getExitDescription() : JobFailures.reason(execution);
        String line = oneLine(description == null ? "" : description);
        return line.length() <= DESCRIPTION_LIMIT ? line : line.substring(0, DESCRIPTION_LIMIT) + "…";
    }

    /**
     * On one line, and without double quotes: Logback quotes each value with them and does not escape
     * those inside, which would break a parser of the line.
     */
    private static String oneLine(String value) {
        return value.replaceAll("\\s+", " ").replace('"', '\'').strip();
    }
}
