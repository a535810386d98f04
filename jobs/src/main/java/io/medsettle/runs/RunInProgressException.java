package io.medsettle.runs;

/** Another process runs the same job for the same key right now. */
public class RunInProgressException extends RuntimeException {

    public RunInProgressException(String what, String holder) {
        super(what + " is already running: " + holder + "; wait for it to finish, then run again if needed");
    }
}
