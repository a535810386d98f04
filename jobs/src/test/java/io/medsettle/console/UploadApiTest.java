package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import io.medsettle.files.Identifiers;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ApiTokens;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The upload API for HIS systems (issue 12, point 3) on the whole application: a token per
 * institution, kept hashed; the same intake as the command; JSON with the outcome and the link to
 * its problems; another institution's file is not found; no token, a wrong or revoked one, or a
 * console session's cookie answer 401.
 */
@AutoConfigureMockMvc
class UploadApiTest extends MedsettleSpringTest {

    private static final String CERTNO = "32070619870707456" + Identifiers.idNumberCheckDigit("32070619870707456");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @TempDir
    Path dir;

    @Test
    void aHisSystemSendsItsFileWithItsTokenAndSeesOnlyItsOwnFiles() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HYA,甲医院,1,general", "HYB,乙医院,1,general")
                .members("YM1,王伟," + CERTNO + ",1,1987-07-07,in_service,2010-01-01")
                .averages("HYA,2092,3000.00")
                .load(referenceData, LocalDate.of(2091, 6, 1));
        String tokenA = tokens.add("HYA");
        String tokenB = tokens.add("HYB");
        assertThat(tokenA).startsWith("mst_").hasSizeGreaterThan(40);
        Path csv = DischargeFile.of("HYA").row("Y1", "MY1", "YM1", "2092-01-03", "2092-01-05", "1000")
                .row("Y2", "MY2", "YM1", "2092-01-08", "2092-01-07", "1000").write(dir.resolve("his.csv"));
        MockMultipartFile file = new MockMultipartFile("file", "his.csv", "text/csv", Files.readAllBytes(csv));

        assertThat(status(multipart("/api/v1/discharge-files").file(file).param("period", "2092-01"), null)).isEqualTo(401);
        assertThat(status(multipart("/api/v1/discharge-files").file(file).param("period", "2092-01"), "mst_wrong")).isEqualTo(401);

        MvcResult created = mvc.perform(multipart("/api/v1/discharge-files").file(file).param("period", "2092-01")
                .header("Authorization", "Bearer " + tokenA)).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        String json = created.getResponse().getContentAsString();
        assertThat(json).contains("\"institution\":\"HYA\"").contains("\"status\":\"LOADED\"").contains("\"rowsLoaded\":1")
                .contains("\"rowsRejected\":1").contains("/problems");
        String id = json.replaceAll("(?s).*\"id\":([0-9]+).*", "$1");

        MvcResult one = mvc.perform(get("/api/v1/discharge-files/" + id).header("Authorization", "Bearer " + tokenA)).andReturn();
        assertThat(one.getResponse().getContentAsString()).contains("\"id\":" + id);
        MvcResult problems = mvc.perform(get("/api/v1/discharge-files/" + id + "/problems")
                .header("Authorization", "Bearer " + tokenA)).andReturn();
        assertThat(problems.getResponse().getContentAsString()).contains(",3,begndate,2092-01-08");
        assertThat(status(get("/api/v1/discharge-files/" + id), tokenB)).as("another institution's file").isEqualTo(404);
        assertThat(status(get("/api/v1/discharge-files/" + id + "/problems"), tokenB)).isEqualTo(404);

        // A console session is no credential for the API.
        users.add("hosp-y", Role.HOSPITAL, List.of("HYA"));
        users.changePassword("hosp-y", "a-long-password-3");
        MockHttpSession session = ConsoleLogin.login(mvc, "hosp-y", "a-long-password-3");
        assertThat(mvc.perform(get("/api/v1/discharge-files/" + id).session(session)).andReturn().getResponse().getStatus())
                .isEqualTo(401);

        tokens.revoke(tokens.find(tokenA).orElseThrow().id());
        assertThat(status(get("/api/v1/discharge-files/" + id), tokenA)).as("revoked").isEqualTo(401);
    }

    private int status(org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request, String token)
            throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }
}
