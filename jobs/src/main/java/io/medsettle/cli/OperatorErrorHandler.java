package io.medsettle.cli;

import io.medsettle.runs.Refusal;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Shows a failed command to a person: what went wrong in one sentence, and where the details are.
 * The stack trace goes to the log file, where a developer can find it. A rejection or a refusal that
 * was said in Chinese too gets a second line in Chinese, for the fund's own staff.
 */
final class OperatorErrorHandler implements IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OperatorErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandName();
        if (e instanceof InputRejectedException rejected) {
            err.println(name + ": " + rejected.getMessage());
            rejected.chinese().ifPresent(chinese -> err.println(name + ": " + chinese));
            rejected.report().ifPresent(report -> err.println("report: " + report));
        } else if (e instanceof Refusal refused) {
            // A run refused (another holds the period, say) is the operator's to act on, not a failure.
            log.info("{} refused: {}", command.getCommandSpec().qualifiedName(), refused.getMessage());
            err.println(name + ": " + refused.getMessage());
            err.println(name + ": " + refused.chinese());
        } else {
            log.error("{} failed", command.getCommandSpec().qualifiedName(), e);
            err.println(name + ": " + reason(e));
            err.println("details: var/log/medsettle.log");
        }
        err.flush();
        return 1;
    }

    /**
     * The sentence to show: the outermost message that medsettle's own code wrote (it says what was
     * being done), otherwise the innermost one (Spring and JDBC wrap the real cause in layers).
     */
    static String reason(Throwable e) {
        String innermost = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean ours = t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("io.medsettle");
            if (ours && t.getMessage() != null && !t.getMessage().isBlank()) {
                return firstLine(t.getMessage());
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                innermost = t.getMessage();
            }
        }
        // No message at all: the operator gets a sentence, the class name stays in the log.
        return innermost == null ? "an unexpected error with no message" : firstLine(innermost);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
