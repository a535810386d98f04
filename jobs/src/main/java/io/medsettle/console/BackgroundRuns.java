package io.medsettle.console;

import io.medsettle.runs.JobRuns;
import io.medsettle.runs.Refusal;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.users.Audit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The month-end's and the year-end's runs clicked in the console: started in the background, so that
 * a run of minutes does not hold the browser's request, and watched through the progress panel that
 * htmx asks for every second. The panel reads the job repository (the job execution of the period and
 * its steps' counts and times) and what this class remembers of the run it started: who, when, and
 * how it ended, since a refusal before the job starts leaves no execution behind.
 *
 * <p>A second click while the console's run of the period waits or runs is answered at once with the
 * "is running" refusal; a run of another process (the schedule, a command) is found by its lock, as
 * before, when the background run starts. The audit records a run when it starts ({@code -started}),
 * and its end as it did when runs were synchronous: the action itself when it completed (which is
 * what four eyes reads), {@code -refused}, {@code -busy}, or {@code -failed}.
 */
@Component
class BackgroundRuns {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);

    /** Runs of different periods at once; runs of one period are one at a time anyway (its lock). */
    static final int THREADS = 2;

    /** Runs waiting for a thread; beyond them a click is told to come back later. */
    static final int QUEUE = 8;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobRuns jobRuns;
    private final JobRepository jobRepository;
    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;
    private final ThreadPoolTaskExecutor executor;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicLong taskIds = new AtomicLong();

    BackgroundRuns(JobRuns jobRuns, JobRepository jobRepository, JdbcClient jdbc, Audit audit, Clock clock) {
        this.jobRuns = jobRuns;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor();
    }

    /**
     * The executor is this class's own rather than a bean: a bean of type Executor would make Spring
     * Boot drop its {@code applicationTaskExecutor}, which others may count on. Its threads are daemons
     * and a stop does not wait for them: a run cut short is left as the job repository says, and the
     * next run of the period resumes it (JobRuns recovers it), as after a killed command.
     */
    private static ThreadPoolTaskExecutor executor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(THREADS);
        executor.setMaxPoolSize(THREADS);
        executor.setQueueCapacity(QUEUE);
        executor.setThreadNamePrefix("console-run-");
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /**
     * Starts {@code work} in the background unless a run of the target's period waits or runs in
     * this console already.
     *
     * @param work runs the job to its end in the background thread and returns the stored run's id
     * @return empty when started; otherwise why not: the refusal, in both languages
     */
    Optional<RunInProgressException> start(RunTarget target, boolean approve, String user, String address, LongSupplier work) {
        long before = newestExecution(target).orElse(0L);
        Task task = new Task(taskIds.incrementAndGet(), approve, user, LocalDateTime.now(clock), before);
        Task current = tasks.compute(target.lockKey(), (key, old) -> old != null && old.inFlight() ? old : task);
        String action = target.action(approve);
        if (current != task) {
            audit.record(user, address, action + "-busy", target.value());
            String at = current.startedAt.format(TIME);
            return Optional.of(new RunInProgressException(target.lockKey(), "由 " + current.user + " 于 " + at + " 在本控制台启动",
                    "started from this console by " + current.user + " at " + at));
        }
        audit.record(user, address, action + "-started", target.value());
        try {
            executor.execute(() -> run(target, task, action, address, work));
        } catch (TaskRejectedException full) {
            tasks.remove(target.lockKey(), task);
            audit.record(user, address, action + "-busy", target.value());
            return Optional.of(new RunInProgressException(target.lockKey(),
                    "控制台已有 " + THREADS + " 个运行在进行、" + QUEUE + " 个在排队",
                    "the console runs " + THREADS + " runs and has " + QUEUE + " waiting"));
        }
        return Optional.empty();
    }

    private void run(RunTarget target, Task task, String action, String address, LongSupplier work) {
        task.state = RunProgress.State.RUNNING;
        RunProgress.State end = RunProgress.State.FAILED;
        Long runId = null;
        Said problem = new Said("运行被中断", "interrupted");
        Long execution = null;
        try {
            try {
                runId = work.getAsLong();
                end = RunProgress.State.COMPLETED;
                problem = null;
            } catch (RunInProgressException busy) {
                // Another process (the schedule, a command) runs the period: nothing was run here.
                end = RunProgress.State.BUSY;
                problem = Said.of(busy);
            } catch (RuntimeException e) {
                end = target.refusal().isInstance(e) ? RunProgress.State.REFUSED : RunProgress.State.FAILED;
                problem = e instanceof Refusal refused ? Said.of(refused)
                        : Said.of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                if (end == RunProgress.State.FAILED) {
                    log.error("{} of {} failed", action, target.value(), e);
                }
            }
            // Audited before the run shows as ended, so that whoever sees a preview done finds it for four eyes.
            audit.record(task.user, address, action + suffix(end), target.value());
            // The period's newest execution once the run let go of the lock is the run's own, unless it
            // found the lock taken; another run starting in the instant between is not told apart.
            execution = end == RunProgress.State.BUSY ? null
                    : newestExecution(target).filter(id -> id > task.before).orElse(null);
        } catch (RuntimeException e) {
            log.error("{} of {}: could not record its end", action, target.value(), e);
        } finally {
            task.finish(end, runId, problem, execution);
        }
    }

    private static String suffix(RunProgress.State end) {
        return switch (end) {
            case COMPLETED -> "";
            case REFUSED -> "-refused";
            case BUSY -> "-busy";
            default -> "-failed";
        };
    }

    /**
     * The run to show: the console's run while it waits or runs; then its end, as long as no later
     * execution of the period followed it; else a run that holds the period's lock (started elsewhere);
     * else nothing, with the period's last execution.
     */
    RunProgress progress(RunTarget target) {
        Task task = tasks.get(target.lockKey());
        if (task != null && task.inFlight()) {
            return task.progress(target, execution(newestExecution(target).filter(id -> id > task.before)));
        }
        Optional<Long> newest = newestExecution(target);
        if (task != null && task.isLatest(newest)) {
            return task.progress(target, execution(Optional.ofNullable(task.execution)));
        }
        if (jobRuns.held(target.lockKey())) {
            RunProgress.Execution running = execution(newest);
            return new RunProgress(RunProgress.State.RUNNING, target, null, false, null, null, null, null,
                    running != null && running.running() ? running : null);
        }
        return new RunProgress(RunProgress.State.IDLE, target, null, false, null, null, null, null, execution(newest));
    }

    /** Puts the progress panel on the period's page, unless there is nothing to show. */
    void addPanel(Model model, RunTarget target) {
        RunProgress progress = progress(target);
        model.addAttribute("progress", progress.state() == RunProgress.State.IDLE ? null : progress);
    }

    /**
     * The panel alone, for htmx's poll. When the console's run the panel watches has completed, htmx is
     * told to open the page with the run's figures ({@code HX-Redirect}); a refusal or a failure stays
     * in the panel, which asks no more.
     */
    String panel(RunTarget target, Long watched, HttpServletRequest request, HttpServletResponse response, Model model) {
        RunProgress progress = progress(target);
        if (progress.state() == RunProgress.State.COMPLETED && watched != null && watched.equals(progress.taskId())
                && request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + progress.resultUrl());
        }
        model.addAttribute("progress", progress);
        return "accountant/progress :: panel";
    }

    /** The newest execution of the target's job for its period, whatever started it. */
    private Optional<Long> newestExecution(RunTarget target) {
        return jdbc.sql("""
                        select e.job_execution_id
                          from batch_job_execution e
                          join batch_job_instance i on i.job_instance_id = e.job_instance_id
                          join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                         where i.job_name = ? and p.parameter_name = ? and p.parameter_value = ?
                         order by e.job_execution_id desc limit 1""")
                .params(target.job(), target.parameter(), target.value()).query(Long.class).optional();
    }

    private RunProgress.Execution execution(Optional<Long> id) {
        JobExecution execution = id.map(jobRepository::getJobExecution).orElse(null);
        if (execution == null) {
            return null;
        }
        // The job repository's times are the JVM's local time; the injected clock tells the instant.
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        return new RunProgress.Execution(execution.getId(), execution.getStatus().name(), execution.getStatus().isRunning(),
                execution.getStepExecutions().stream().sorted(Comparator.comparingLong(StepExecution::getId))
                        .map(step -> new RunProgress.Step(step.getStepName(), step.getStatus().name(), step.getReadCount(),
                                step.getWriteCount(), seconds(step.getStartTime(), step.getEndTime() != null ? step.getEndTime() : now)))
                        .toList());
    }

    private static String seconds(LocalDateTime start, LocalDateTime end) {
        return start == null ? "" : String.format(Locale.ROOT, "%.1f", Duration.between(start, end).toMillis() / 1000.0);
    }

    /**
     * How a run ended short of completing, kept in both languages: the panel is read in the language of
     * whoever looks at it, which need not be the language of whoever clicked. A refusal was said in
     * Chinese and English by the domain; a failure's reason is the software's, in English only.
     */
    record Said(String chinese, String english) {

        static Said of(Refusal refusal) {
            return new Said(refusal.chinese(), refusal.getMessage());
        }

        static Said of(String reason) {
            return new Said(reason, reason);
        }

        String in(Locale locale) {
            return ConsoleLocale.isEnglish(locale) ? english : chinese;
        }
    }

    /** A run this console started, as the panel needs it; its ending fields are written before its state. */
    private static final class Task {
        final long id;
        final boolean approve;
        final String user;
        final LocalDateTime startedAt;
        /** The period's newest execution when the run was asked for: the run's own come after it. */
        final long before;
        volatile RunProgress.State state = RunProgress.State.QUEUED;
        volatile Long runId;
        volatile Said problem;
        volatile Long execution;

        Task(long id, boolean approve, String user, LocalDateTime startedAt, long before) {
            this.id = id;
            this.approve = approve;
            this.user = user;
            this.startedAt = startedAt;
            this.before = before;
        }

        boolean inFlight() {
            RunProgress.State now = state;
            return now == RunProgress.State.QUEUED || now == RunProgress.State.RUNNING;
        }

        void finish(RunProgress.State end, Long runId, Said problem, Long execution) {
            this.runId = runId;
            this.problem = problem;
            this.execution = execution;
            this.state = end;
        }

        /** Whether the period has had no execution since this run's own (or since it was asked for). */
        boolean isLatest(Optional<Long> newest) {
            return execution != null ? newest.equals(Optional.of(execution)) : newest.map(id -> id <= before).orElse(true);
        }

        RunProgress progress(RunTarget target, RunProgress.Execution shown) {
            RunProgress.State now = state;
            Said said = problem;
            return new RunProgress(now, target, id, approve, user, startedAt, runId,
                    said == null ? null : said.in(LocaleContextHolder.getLocale()), shown);
        }
    }
}
