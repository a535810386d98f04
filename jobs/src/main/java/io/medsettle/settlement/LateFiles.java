package io.medsettle.settlement;

/**
 * What the month-end does with a discharge file that arrives after its period was settled and closed
 * (the profile's {@code settlement.late_files}). No file is ever lost silently: it is either settled
 * late or refused with a report that says why.
 */
public enum LateFiles {
    /** 补报: the file is taken in and its rows are settled by the next approved month-end, as late lines. */
    SETTLE,
    /** The file is refused whole: the city settles a month only with the files that came in time. */
    REFUSE
}
