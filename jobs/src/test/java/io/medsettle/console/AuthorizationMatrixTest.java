package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.medsettle.files.Identifiers;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ApiTokens;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The authorization matrix (issue 12, point 5): every page and API endpoint, asked by nobody, by a
 * hospital for its own institution and for another's, by an accountant, by finance and by an
 * administrator, and by the API's tokens of the owner and of another institution. Each cell is the
 * status expected; all wrong cells are reported together.
 *
 * <p>Every request is asked twice: from this machine (MockMvc's own address, 127.0.0.1) and from
 * another one of the network. The console and the API answer both alike; only the actuator's
 * endpoints (issue 12, item 6) are open to this machine whoever asks, and from elsewhere to an
 * administrator alone.
 */
@AutoConfigureMockMvc
class AuthorizationMatrixTest extends MedsettleSpringTest {

    private static final String PASSWORD = "matrix-password-1";
    private static final List<String> WHO = List.of("nobody", "hospital-own", "hospital-other", "accountant", "finance", "admin");

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @TempDir
    Path dir;

    @Test
    void everyPageAndEndpointAnswersEachRoleAsItMust() throws Exception {
        String body = "32070619660606321";
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HMA,甲医院,1,general", "HMB,乙医院,1,general")
                .members("MM1,王伟," + body + Identifiers.idNumberCheckDigit(body) + ",1,1966-06-06,in_service,2010-01-01")
                .averages("HMA,2095,3000.00", "HMB,2095,3000.00")
                .load(referenceData, LocalDate.of(2094, 6, 1));
        Path csv = DischargeFile.of("HMA").row("M1", "MM1", "MM1", "2095-01-03", "2095-01-05", "1000")
                .row("M2", "MM2", "MM1", "2095-01-09", "2095-01-08", "1000").write(dir.resolve("hma.csv"));
        long file = intake.intake(csv, "HMA", YearMonth.of(2095, 1), dir, JobRuns.Trigger.MANUAL).fileId();
        monthEnd.run(YearMonth.of(2095, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        Map<String, MockHttpSession> sessions = new LinkedHashMap<>();
        sessions.put("nobody", new MockHttpSession());
        for (Object[] user : new Object[][] {{"hospital-own", Role.HOSPITAL, "HMA"}, {"hospital-other", Role.HOSPITAL, "HMB"},
                {"accountant", Role.ACCOUNTANT, null}, {"finance", Role.FINANCE, null}, {"admin", Role.ADMIN, null}}) {
            String name = "matrix-" + user[0];
            users.add(name, (Role) user[1], user[2] == null ? List.of() : List.of((String) user[2]));
            users.changePassword(name, PASSWORD);
            sessions.put((String) user[0], ConsoleLogin.login(mvc, name, PASSWORD));
        }

        // Expected statuses: nobody, hospital (own), hospital (other), accountant, finance, admin.
        Map<String, int[]> pages = new LinkedHashMap<>();
        pages.put("/", new int[] {302, 302, 302, 200, 200, 200});
        pages.put("/hospital/files", new int[] {302, 200, 200, 403, 403, 403});
        pages.put("/hospital/files/" + file, new int[] {302, 200, 404, 403, 403, 403});
        pages.put("/hospital/files/" + file + "/report", new int[] {302, 200, 404, 403, 403, 403});
        pages.put("/hospital/statements", new int[] {302, 200, 200, 403, 403, 403});
        pages.put("/hospital/statements/2095-01/statement-HMA-2095-01.xlsx", new int[] {302, 200, 404, 403, 403, 403});
        pages.put("/hospital/statements/2095-01/fund-summary-2095-01.xlsx", new int[] {302, 404, 404, 403, 403, 403});
        pages.put("/accountant", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/accountant/periods/2095-01", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/accountant/accounts?psn=MM1", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/accountant/years/2095", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/accountant/periods/2095-01/progress", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/accountant/years/2095/progress", new int[] {302, 403, 403, 200, 403, 403});
        pages.put("/finance/statements", new int[] {302, 403, 403, 200, 200, 403});
        pages.put("/finance/statements/2095-01/fund-summary-2095-01.xlsx", new int[] {302, 403, 403, 200, 200, 403});
        pages.put("/finance/statements/2095-01.zip", new int[] {302, 403, 403, 200, 200, 403});
        pages.put("/admin/users", new int[] {302, 403, 403, 403, 403, 200});
        pages.put("/password", new int[] {302, 200, 200, 200, 200, 200});
        // A console session is no credential for the API.
        pages.put("/api/v1/discharge-files/" + file, new int[] {401, 401, 401, 401, 401, 401});
        pages.put("/api/v1/discharge-files/" + file + "/problems", new int[] {401, 401, 401, 401, 401, 401});
        // Nothing of the actuator but health and the metrics: another path of it is no page of the console.
        pages.put("/actuator/env", new int[] {302, 404, 404, 404, 404, 404});

        // The actuator's endpoints: from this machine to anyone (the agency's Prometheus beside the
        // server), from elsewhere to an administrator only; never the login page (a scraper cannot use it).
        Map<String, int[]> fromHere = new LinkedHashMap<>(pages);
        Map<String, int[]> fromElsewhere = new LinkedHashMap<>(pages);
        for (String endpoint : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            fromHere.put(endpoint, new int[] {200, 200, 200, 200, 200, 200});
            fromElsewhere.put(endpoint, new int[] {401, 403, 403, 403, 403, 200});
        }

        List<String> wrong = new ArrayList<>();
        for (boolean remote : new boolean[] {false, true}) {
            for (Map.Entry<String, int[]> page : (remote ? fromElsewhere : fromHere).entrySet()) {
                for (int i = 0; i < WHO.size(); i++) {
                    MockHttpServletRequestBuilder request = get(page.getKey()).session(sessions.get(WHO.get(i)));
                    if (remote) {
                        request.with(r -> {
                            r.setRemoteAddr("10.1.2.3");
                            return r;
                        });
                    }
                    int status = mvc.perform(request).andReturn().getResponse().getStatus();
                    if (status != page.getValue()[i]) {
                        wrong.add(page.getKey() + " as " + WHO.get(i) + (remote ? " from elsewhere" : " from this machine") + ": "
                                + status + ", expected " + page.getValue()[i]);
                    }
                }
            }
        }
        // The API's tokens: the owner's, another institution's, none.
        String own = tokens.add("HMA");
        String other = tokens.add("HMB");
        for (String endpoint : new String[] {"/api/v1/discharge-files/" + file, "/api/v1/discharge-files/" + file + "/problems"}) {
            check(wrong, endpoint + " with the owner's token", get(endpoint).header("Authorization", "Bearer " + own), 200);
            check(wrong, endpoint + " with another's token", get(endpoint).header("Authorization", "Bearer " + other), 404);
            check(wrong, endpoint + " with no token", get(endpoint), 401);
        }
        assertThat(wrong).as("cells of the matrix that answer otherwise").isEmpty();
    }

    private void check(List<String> wrong, String cell, MockHttpServletRequestBuilder request, int expected) throws Exception {
        int status = mvc.perform(request).andReturn().getResponse().getStatus();
        if (status != expected) {
            wrong.add(cell + ": " + status + ", expected " + expected);
        }
    }
}
