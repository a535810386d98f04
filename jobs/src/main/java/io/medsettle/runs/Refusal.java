package io.medsettle.runs;

/**
 * A run or an operator's request refused for a reason the operator can act on (a period closed,
 * files unfinished, a run of the same period under way, a user name taken), not a failure of the
 * software. It is said twice, as the intake's
 * problems are: in Chinese for the people who run the fund, on the console's Chinese pages and on
 * the command line, and in English, the exception's message, which the log, the English pages and
 * scripts read.
 */
public class Refusal extends RuntimeException {

    private final String chinese;

    protected Refusal(String chinese, String english) {
        super(english);
        this.chinese = chinese;
    }

    /** The refusal in Chinese, with the same facts as the English message. */
    public String chinese() {
        return chinese;
    }
}
