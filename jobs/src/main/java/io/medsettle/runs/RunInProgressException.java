package io.medsettle.runs;

/** Another process runs the same job for the same key right now. */
public class RunInProgressException extends Refusal {

    /**
     * @param what   the run's lock key, e.g. {@code monthEnd:2026-03}
     * @param holder who holds it, in words both languages can show (a process and its trigger)
     */
    public RunInProgressException(String what, String holder) {
        this(what, holder, holder);
    }

    /** A holder that is described differently in Chinese and in English. */
    public RunInProgressException(String what, String holderChinese, String holderEnglish) {
        super(what + " 正在运行:" + holderChinese + ";请等待其结束,如有需要再运行",
                what + " is already running: " + holderEnglish + "; wait for it to finish, then run again if needed");
    }
}
