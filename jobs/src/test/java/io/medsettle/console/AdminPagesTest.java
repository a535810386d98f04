package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The administrator's page (issue 12): users added, reset and disabled in the browser as by the command. */
@AutoConfigureMockMvc
class AdminPagesTest extends MedsettleSpringTest {

    private static final String PASSWORD = "admin-password-12";

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @TempDir
    Path dir;

    private String submit(MockHttpSession session, String url, String... params) throws Exception {
        var request = post(url).session(session).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anAdministratorAddsResetsAndDisablesUsers() throws Exception {
        ReferenceFiles.in(dir.resolve("refs")).institutions("HZA,甲医院,1,general").load(referenceData, LocalDate.of(2093, 1, 1));
        users.add("root-admin", Role.ADMIN, List.of());
        users.changePassword("root-admin", PASSWORD);
        MockHttpSession admin = ConsoleLogin.login(mvc, "root-admin", PASSWORD);

        String added = submit(admin, "/admin/users", "name", "zhang.san", "role", "hospital", "institutions", "HZA");
        assertThat(added).contains("zhang.san").contains("id=\"first-password\"");
        String first = added.replaceAll("(?s).*<code>(\\S{16})</code>.*", "$1");
        MvcResult login = mvc.perform(post("/login").param("username", "zhang.san").param("password", first).with(csrf()))
                .andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).doesNotContain("error");
        assertThat(users.find("zhang.san").orElseThrow().institutions()).containsExactly("HZA");

        assertThat(submit(admin, "/admin/users", "name", "li.si", "role", "hospital", "institutions", "NOSUCH"))
                .contains("机构 NOSUCH 不存在").doesNotContain("no institution");
        assertThat(submit(admin, "/admin/users", "name", "zhang.san", "role", "finance")).contains("用户 zhang.san 已存在");
        assertThat(submit(admin, "/admin/users/root-admin/disable")).contains("不能停用自己的账户");

        assertThat(submit(admin, "/admin/users/zhang.san/disable")).contains("已停用");
        MvcResult refused = mvc.perform(post("/login").param("username", "zhang.san").param("password", first).with(csrf()))
                .andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).as("a disabled user").contains("error");
        String reset = submit(admin, "/admin/users/zhang.san/reset");
        String second = reset.replaceAll("(?s).*<code>(\\S{16})</code>.*", "$1");
        assertThat(second).isNotEqualTo(first);
        assertThat(mvc.perform(post("/login").param("username", "zhang.san").param("password", second).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).doesNotContain("error");

        users.add("not-admin", Role.ACCOUNTANT, List.of());
        users.changePassword("not-admin", PASSWORD);
        MockHttpSession accountant = ConsoleLogin.login(mvc, "not-admin", PASSWORD);
        assertThat(mvc.perform(get("/admin/users").session(accountant)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/admin/users").session(accountant).with(csrf()).param("name", "x").param("role", "admin"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
