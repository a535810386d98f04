package io.medsettle.console;

import io.medsettle.runs.Refusal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The texts that controllers put on pages (a refusal, a form's error), from the same bundles as the
 * templates' texts and in the request's language, which the DispatcherServlet sets for the request's
 * thread from the console's {@code LocaleResolver}. A component rather than a bean of the web
 * configuration: the controllers are created by the commands too, where there is no web layer.
 */
@Component
class ConsoleMessages {

    private final MessageSource messages;

    ConsoleMessages(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    /** A refusal the domain said in both languages, in the request's. */
    String said(Refusal refusal) {
        return ConsoleLocale.isEnglish(LocaleContextHolder.getLocale()) ? refusal.getMessage() : refusal.chinese();
    }
}
