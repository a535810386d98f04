package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.util.List;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console's language (issue 12): Chinese by default, whatever the browser asks for; English with
 * {@code ?lang=en}, kept by a cookie for the next pages; {@code ?lang=zh-CN} goes back. The page's
 * {@code lang} attribute follows, and the controllers' own texts too.
 */
@AutoConfigureMockMvc
class ConsoleLanguageTest extends MedsettleSpringTest {

    private static final String PASSWORD = "language-password-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Test
    void theLoginPageIsChineseByDefaultAndEnglishByChoiceKeptByACookie() throws Exception {
        MvcResult chinese = mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "en-US,en;q=0.9")).andReturn();
        assertThat(chinese.getResponse().getContentAsString()).as("not the browser's language")
                .contains("<html lang=\"zh-CN\"").contains("medsettle 医保结算 · 登录").contains("用户名").doesNotContain("Log in");
        assertThat(chinese.getResponse().getCookie(ConsoleLocale.COOKIE)).isNull();

        MvcResult english = mvc.perform(get("/login").param("lang", "en")).andReturn();
        assertThat(english.getResponse().getContentAsString()).contains("<html lang=\"en\"").contains("medsettle · log in")
                .contains(">Log in<").doesNotContain("用户名");
        Cookie chosen = english.getResponse().getCookie(ConsoleLocale.COOKIE);
        assertThat(chosen).isNotNull();
        assertThat(chosen.getValue()).isEqualTo("en");
        assertThat(chosen.isHttpOnly()).isTrue();

        MvcResult next = mvc.perform(get("/login").param("error", "").cookie(chosen)).andReturn();
        assertThat(next.getResponse().getContentAsString()).as("the cookie keeps the choice")
                .contains("<html lang=\"en\"").contains("Wrong name or password");

        MvcResult back = mvc.perform(get("/login").param("lang", "zh-CN").cookie(chosen)).andReturn();
        assertThat(back.getResponse().getContentAsString()).contains("<html lang=\"zh-CN\"").contains("用户名");
        assertThat(back.getResponse().getCookie(ConsoleLocale.COOKIE).getValue()).isEqualTo("zh-CN");

        assertThat(mvc.perform(get("/login").param("lang", "!!")).andReturn().getResponse().getStatus())
                .as("a language that is none").isEqualTo(200);
        assertThat(mvc.perform(get("/login").param("lang", "fr")).andReturn().getResponse().getContentAsString())
                .as("a language without texts is Chinese, and says so").contains("<html lang=\"zh-CN\"").contains("用户名");
    }

    @Test
    void anAccountantsPagesAndTheirErrorsFollowTheLanguageChosen() throws Exception {
        users.add("bilingual", Role.ACCOUNTANT, List.of());
        users.changePassword("bilingual", PASSWORD);
        MockHttpSession session = ConsoleLogin.login(mvc, "bilingual", PASSWORD);

        String chinese = page(session, "/accountant/periods/2097-03", null);
        assertThat(chinese).contains("2097-03 月度结算").contains("预览 (preview: nothing posted)").contains("机构报送情况")
                .contains("href=\"/accountant/periods/2097-03?lang=en\"");

        MvcResult switched = mvc.perform(get("/accountant/periods/2097-03").param("lang", "en").session(session)).andReturn();
        Cookie english = switched.getResponse().getCookie(ConsoleLocale.COOKIE);
        assertThat(switched.getResponse().getContentAsString()).contains("<html lang=\"en\"").contains("Month-end of 2097-03")
                .contains("Preview (nothing posted)").contains("Files sent").doesNotContain("月度结算")
                .contains("href=\"/accountant/periods/2097-03?lang=zh-CN\"");

        // The next pages, and a controller's own text, in English.
        assertThat(page(session, "/accountant", english)).contains("<html lang=\"en\"").contains("Periods");
        assertThat(page(session, "/accountant/accounts?psn=NOBODY", english)).contains("No member NOBODY");
        assertThat(page(session, "/accountant/years/2097/progress", english)).contains("Nothing is running.");
        MvcResult refused = mvc.perform(post("/accountant/periods/2097-03/approve").session(session).cookie(english)
                .header(HttpHeaders.REFERER, "http://127.0.0.1:8080/accountant/periods/2097-03").with(csrf())).andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("Another accountant previews the month first.")
                .as("the switch of a page answering a form leads to the form's page")
                .contains("href=\"/accountant/periods/2097-03?lang=zh-CN\"");

        // A year passed to a text is the year, not a number with a thousands separator.
        assertThat(page(session, "/accountant/years/2097", english)).contains("Year-end of 2097").doesNotContain("2,097");
    }

    private String page(MockHttpSession session, String url, Cookie cookie) throws Exception {
        var request = get(url).session(session);
        if (cookie != null) {
            request.cookie(cookie);
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
