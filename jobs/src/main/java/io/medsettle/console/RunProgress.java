package io.medsettle.console;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * What the progress panel shows of a period's run: whether it waits, runs or ended and how, who
 * started it from the console and when, and the job execution's steps as the job repository has them.
 *
 * @param taskId    the console's own run, or null for a run started elsewhere (the schedule, a command)
 * @param runId     the stored run a completed run produced, whose figures the page shows
 * @param problem   a refusal's text, the lock holder of a run that found the period busy, or a failure's reason
 * @param execution the job execution, or null before the job started (and for a refusal before it)
 */
record RunProgress(State state, RunTarget target, Long taskId, boolean approve, String startedBy, LocalDateTime startedAt,
                   Long runId, String problem, Execution execution) {

    enum State {
        /** Nothing runs; the execution, if any, is the period's last. */
        IDLE,
        QUEUED,
        RUNNING,
        COMPLETED,
        REFUSED,
        /** Another run held the period's lock: nothing was run. */
        BUSY,
        FAILED
    }

    /** A job execution of the run, with its steps in the order they ran. */
    record Execution(long id, String status, boolean running, List<Step> steps) {
    }

    /** A step's status, counts and time so far, in seconds with one decimal. */
    record Step(String name, String status, long read, long written, String seconds) {
    }

    // The methods the template calls are public: Thymeleaf's expressions call no other.

    /** While this is true, the panel asks for itself again every second. */
    public boolean polling() {
        return state == State.QUEUED || state == State.RUNNING;
    }

    /** A run that holds the period's lock but was not started from this console. */
    public boolean elsewhere() {
        return state == State.RUNNING && taskId == null;
    }

    public String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The panel's own address; it names the console's run it watches, so that its end can lead to the figures. */
    public String pollUrl() {
        return target.page() + "/progress" + (taskId == null ? "" : "?task=" + taskId);
    }

    /** The page with the figures of the run this one produced. */
    public String resultUrl() {
        return target.page() + "?run=" + runId;
    }
}
