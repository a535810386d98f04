package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A login through the console's own form, as a browser does it; the session to go on with. */
final class ConsoleLogin {

    private ConsoleLogin() {
    }

    static MockHttpSession login(MockMvc mvc, String name, String password) throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", name).param("password", password).with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("login of " + name).doesNotContain("error");
        return (MockHttpSession) result.getRequest().getSession();
    }
}
