package io.medsettle.console;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rule of the console's approvals: a month-end or a year-end is approved by another
 * accountant than the one who ran its last preview, as the audit trail records it; off when
 * {@code medsettle.console.four-eyes} is false. The command line is the server operator's and is not
 * bound by it.
 */
@Component
class FourEyes {

    private final JdbcClient jdbc;
    private final ConsoleMessages messages;
    private final boolean enabled;

    FourEyes(JdbcClient jdbc, ConsoleMessages messages, @Value("${medsettle.console.four-eyes:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Who ran the last preview (audit action {@code previewAction}) of that period or year. */
    Optional<String> lastPreviewBy(String previewAction, String detail) {
        return jdbc.sql("select user_name from audit_event where action = ? and detail = ? order by event_id desc limit 1")
                .params(previewAction, detail).query(String.class).optional();
    }

    /**
     * Why {@code approver} may not approve, as the page says it; empty when they may.
     *
     * @param previewFirst the message key for "another accountant previews first"
     */
    Optional<String> refusal(String previewAction, String detail, String approver, String previewFirst) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<String> previewBy = lastPreviewBy(previewAction, detail);
        if (previewBy.isEmpty()) {
            return Optional.of(messages.text(previewFirst));
        }
        return previewBy.get().equals(approver) ? Optional.of(messages.text("run.fourEyes", previewBy.get()))
                : Optional.empty();
    }
}
