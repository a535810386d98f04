package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.files.Identifiers;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ApiTokens;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A bounded load test of the upload API on a real server (issue 12, point 5): 20 hospitals upload
 * at once, each its file twice at the same moment (a HIS system retrying). Every file is loaded
 * exactly once, every request is answered, and the settlements are those of 20 files. A file above
 * the upload limit is answered 413, on the real server (MockMvc does not read multipart limits).
 */
@SpringBootTest(classes = MedsettleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentUploadsTest {

    private static final int HOSPITALS = 20;
    private static final int ROWS = 10;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
        // A small limit, so that a file above it is quick to send.
        registry.add("spring.servlet.multipart.max-file-size", () -> "64KB");
        registry.add("spring.servlet.multipart.max-request-size", () -> "65KB");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void twentyHospitalsUploadingAtOnceGetEachFileLoadedExactlyOnce() throws Exception {
        List<String> institutions = new ArrayList<>();
        List<String> members = new ArrayList<>();
        List<String> averages = new ArrayList<>();
        for (int i = 1; i <= HOSPITALS; i++) {
            String body = String.format("320706198001%02d%03d", i % 28 + 1, i);
            institutions.add(String.format("HC%02d,医院%d,1,general", i, i));
            members.add(String.format("CM%02d,成员%d,%s%s,1,1980-01-%02d,in_service,2010-01-01", i, i, body,
                    Identifiers.idNumberCheckDigit(body), i % 28 + 1));
            averages.add(String.format("HC%02d,2094,3000.00", i));
        }
        ReferenceFiles.in(dir.resolve("refs")).institutions(institutions.toArray(String[]::new))
                .members(members.toArray(String[]::new)).averages(averages.toArray(String[]::new))
                .load(referenceData, LocalDate.of(2093, 6, 1));

        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(2 * HOSPITALS);
        try {
            for (int i = 1; i <= HOSPITALS; i++) {
                String code = String.format("HC%02d", i);
                DischargeFile file = DischargeFile.of(code);
                for (int r = 1; r <= ROWS; r++) {
                    file.row(code + "S" + r, code + "M" + r, String.format("CM%02d", i), String.format("2094-01-%02d", r),
                            String.format("2094-01-%02d", r + 1), "1000");
                }
                byte[] content = Files.readAllBytes(file.write(dir.resolve(code + ".csv")));
                HttpRequest request = upload(tokens.add(code), code + ".csv", content);
                for (int copy = 0; copy < 2; copy++) {
                    answers.add(CompletableFuture.supplyAsync(() -> client.sendAsync(request,
                            HttpResponse.BodyHandlers.ofString()).join(), senders));
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(201);
            assertThat(answer.get().body()).contains("\"status\":\"LOADED\"");
        }
        assertThat(jdbc.queryForObject("select count(*) from intake_file where status = 'LOADED'", Integer.class))
                .as("each file once").isEqualTo(HOSPITALS);
        assertThat(jdbc.queryForObject("select count(*) from settlement", Integer.class)).isEqualTo(HOSPITALS * ROWS);
        assertThat(jdbc.queryForObject("select count(distinct fixmedins_code) from settlement", Integer.class)).isEqualTo(HOSPITALS);
    }

    @Test
    void aFileAboveTheUploadLimitIsAnswered413() throws Exception {
        ReferenceFiles.in(dir.resolve("refs")).institutions("HCL,大医院,1,general").load(referenceData, LocalDate.of(2093, 6, 1));
        byte[] large = ("x".repeat(99) + "\n").repeat(1_000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(upload(tokens.add("HCL"), "large.csv", large),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("upload limit");
        assertThat(jdbc.queryForObject("select count(*) from intake_file where fixmedins_code = 'HCL'", Integer.class)).isZero();
    }

    private HttpRequest upload(String token, String name, byte[] content) throws Exception {
        String boundary = "medsettle-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"period\"\r\n\r\n2094-01\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/discharge-files"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }
}
