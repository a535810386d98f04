package io.medsettle.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts a job under an exclusive lock, recovering the execution a killed process left behind.
 *
 * <p>Spring Batch records a running execution as STARTED; when the process is killed, it stays so
 * and the job cannot be started again. Holding the lock proves that no live process runs it, so
 * such an execution is marked failed ({@link JobOperator#recover}) and the job restarts from its
 * last committed chunk.
 */
@Component
public class JobRuns {

    /**
     * The intakes' lock: intakes run one at a time (a member's settlements must not change under a
     * running intake), and a month-end takes it too while it decides what it settles, so that no
     * file commits between its figures and its close (see {@link #holdForTransaction}).
     */
    public static final String INTAKE_LOCK = "dischargeIntake";

    /** The first key of every medsettle advisory lock, so that other applications' locks never collide. */
    private static final int LOCK_NAMESPACE = 0x4D53; // "MS"
    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final DataSource dataSource;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    JobRuns(DataSource dataSource, JobOperator jobOperator, JobRepository jobRepository) {
        this.dataSource = dataSource;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** How a run was asked for, shown to whoever finds the lock taken. */
    public enum Trigger { MANUAL, SCHEDULE }

    /**
     * Runs the job to its end in this thread.
     *
     * @param lockKey what must not run twice at once, e.g. {@code monthEnd:2026-03}
     * @return the finished execution; its status says whether it completed
     * @throws RunInProgressException when another process holds the lock
     */
    public JobExecution run(Job job, JobParameters parameters, String lockKey, Trigger trigger) {
        int key = lockKey.hashCode();
        String holder = "medsettle pid " + ProcessHandle.current().pid() + " " + trigger.name().toLowerCase()
                + " " + lockKey;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            try (Statement s = lock.createStatement()) {
                s.execute("set application_name = '" + holder.replace("'", "").substring(0, Math.min(holder.length(), 63)) + "'");
            }
            if (!tryLock(lock, key)) {
                throw busy(lock, key, lockKey);
            }
            try {
                recoverAbandoned(job, parameters);
                return jobOperator.start(job, parameters);
            } finally {
                unlock(lock, key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock for " + lockKey + ": " + e.getMessage(), e);
        } catch (RunInProgressException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(job.getName() + " could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Holds the lock until the current transaction ends, waiting at most {@code wait} for a run that
     * holds it (a month-end waits for a running intake to finish rather than fail the accountant).
     * Must be called inside a transaction.
     *
     * @throws RunInProgressException when the lock is still held after {@code wait}
     */
    public void holdForTransaction(String lockKey, Duration wait) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int key = lockKey.hashCode();
        Boolean taken = jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)", Boolean.class, LOCK_NAMESPACE, key);
        if (Boolean.TRUE.equals(taken)) {
            return;
        }
        log.info("waiting up to {} for {} to be released", wait, lockKey);
        try {
            jdbc.execute("set local lock_timeout = " + wait.toMillis());
            jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)::text", String.class, LOCK_NAMESPACE, key);
            jdbc.execute("set local lock_timeout to default");
        } catch (DataAccessException e) {
            throw new RunInProgressException(lockKey, "等待 " + wait.toMinutes() + " 分钟后仍被占用",
                    "still held after waiting " + wait.toMinutes() + " minutes");
        }
    }

    /**
     * Whether a run holds the lock now, in this process or in another (the schedule, a command): what
     * a page watching the job asks, since an execution left STARTED by a killed process looks running
     * in the job repository but holds no lock.
     */
    public boolean held(String lockKey) {
        return Boolean.TRUE.equals(new JdbcTemplate(dataSource).queryForObject("""
                        select exists (select 1 from pg_locks
                                        where locktype = 'advisory' and granted
                                          and classid::bigint = ? and objid::bigint = ? and objsubid = 2)""",
                Boolean.class, (long) LOCK_NAMESPACE, Integer.toUnsignedLong(lockKey.hashCode())));
    }

    private void recoverAbandoned(Job job, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
        if (last != null && last.getStatus().isRunning()) {
            log.warn("{} execution {} was left {} by a process that stopped; recovering it", job.getName(),
                    last.getId(), last.getStatus());
            jobOperator.recover(last);
        }
    }

    private static boolean tryLock(Connection c, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, LOCK_NAMESPACE);
            s.setInt(2, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, int key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            s.setInt(1, LOCK_NAMESPACE);
            s.setInt(2, key);
            s.execute();
        }
    }

    /** The refusal of a run whose lock another holds, naming the holder from the server's own view of its sessions. */
    private static RunInProgressException busy(Connection c, int key, String lockKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select a.application_name, a.client_addr, a.backend_start
                  from pg_locks l join pg_stat_activity a on a.pid = l.pid
                 where l.locktype = 'advisory' and l.granted
                   and l.classid::bigint = ? and l.objid::bigint = ? and l.objsubid = 2""")) {
            s.setLong(1, LOCK_NAMESPACE);
            s.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new RunInProgressException(lockKey, "另一进程(可能刚刚结束)", "another process (it finished a moment ago?)");
                }
                String since = rs.getTimestamp(3).toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                String address = rs.getString(2);
                return new RunInProgressException(lockKey,
                        "由 " + rs.getString(1) + (address == null ? " 在本机" : " 从 " + address) + " 自 " + since + " 起占用",
                        "held by " + rs.getString(1) + (address == null ? " on this machine" : " from " + address)
                                + " since " + since);
            }
        }
    }
}
