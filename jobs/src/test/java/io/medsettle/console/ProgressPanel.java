package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A month-end's or year-end's run clicked in the console, as a test follows it: the click starts it in
 * the background and leads back to the period's page, whose progress panel is asked for again, as htmx
 * does, until the run has ended.
 */
final class ProgressPanel {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern STATE = Pattern.compile("data-state=\"([a-z]+)\"");
    private static final Pattern RESULT = Pattern.compile("href=\"([^\"]*\\?run=[0-9]+)\"");

    private ProgressPanel() {
    }

    /** Clicks {@code page/action} ({@code preview}, {@code approve}), which must start a run, and waits for its end. */
    static String run(MockMvc mvc, MockHttpSession session, String page, String action) throws Exception {
        MvcResult click = mvc.perform(post(page + "/" + action).session(session).with(csrf())).andReturn();
        assertThat(click.getResponse().getRedirectedUrl()).as(action + " of " + page + " starts a run")
                .isEqualTo(page);
        return awaitEnd(mvc, session, page);
    }

    /** The panel once its run has ended (neither waiting nor running), asked for once a second as htmx does. */
    static String awaitEnd(MockMvc mvc, MockHttpSession session, String page) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String panel = panel(mvc, session, page);
            String state = state(panel);
            if (!state.equals("queued") && !state.equals("running")) {
                return panel;
            }
            assertThat(System.nanoTime()).as("the run of " + page + " still " + state + " after " + TIMEOUT).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static String panel(MockMvc mvc, MockHttpSession session, String page) throws Exception {
        MvcResult result = mvc.perform(get(page + "/progress").session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(page + "/progress").isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    static String state(String panel) {
        Matcher m = STATE.matcher(panel);
        assertThat(m.find()).as("a progress panel: " + panel).isTrue();
        return m.group(1);
    }

    /** The link of a completed run's panel to the page with its figures. */
    static String result(String panel) {
        Matcher m = RESULT.matcher(panel);
        assertThat(m.find()).as("a link to the run's figures: " + panel).isTrue();
        return m.group(1);
    }
}
