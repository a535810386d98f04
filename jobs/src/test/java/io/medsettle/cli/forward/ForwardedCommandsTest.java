package io.medsettle.cli.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.app.Application;
import io.medsettle.app.DatabaseConnection;
import io.medsettle.app.MedsettleHome;
import io.medsettle.cli.MedsettleCommand;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.support.InProcessCommands;
import io.medsettle.support.MedsettleSpringTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import picocli.CommandLine;

/**
 * Commands forwarded to a running serve, end to end: the forwarding server on a real context and
 * database, the launcher's client over a real Unix domain socket, real files. What serve prints
 * and exits with is what the command on its own does; whatever serve should not run (another
 * build, database, profile, setting) comes back "not here", and the client exits with the code that
 * makes the launcher start the command itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedCommandsTest extends MedsettleSpringTest {

    /** A context, and so a database, of its own: the loads and previews here are this test's. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("medsettle.test.context", () -> "forwarded-commands");
    }

    private static final String BUILD = "run-1";

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    /** The home serve listens under (a short path: a socket's is at most 107 bytes). */
    private Path socketHome;
    private Path socket;
    /** Where the operator runs the launcher. */
    private Path client;
    private Application.Settings settings;
    private ForwardingServer server;

    @BeforeAll
    void startServe() throws IOException {
        socketHome = socketHome();
        socket = CommandsSocket.of(new MedsettleHome(socketHome));
        client = Files.createTempDirectory("operator");
        settings = new Application.Settings(url(), user(), password(), ownerUser(), ownerPassword(), null, false);
        server = start(socket, BUILD);
    }

    @AfterAll
    void stopServe() {
        server.close();
    }

    /**
     * A home for a socket: under the build's temporary directory, as every file of the tests, unless
     * the checkout's path is so long that a socket there would be over the 107 bytes a socket's path
     * may have; then under /tmp (the socket is the only file in it).
     */
    private static Path socketHome() throws IOException {
        Path home = Files.createTempDirectory("fw");
        if (CommandsSocket.of(new MedsettleHome(home)).toString().length() <= 100) {
            return home;
        }
        Files.delete(home);
        return Files.createTempDirectory(Path.of("/tmp"), "fw");
    }

    private ForwardingServer start(Path at, String build) throws IOException {
        DatabaseConnection database = DatabaseConnection.external(url(), user(), password(), ownerUser(), ownerPassword());
        Application serve = Application.attached(context, database);
        Admission admission = new Admission(build, settings, System.getenv(), Path.of("").toAbsolutePath(),
                HOME.resolve("config"));
        return ForwardingServer.start(at, admission, ForwardingServer.attachedTo(serve, settings));
    }

    @Test
    void theSocketIsTheUsersAlone() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void aOneRowLoadOfAFileRelativeToTheClientsDirectoryIsDoneInServe() throws IOException {
        Files.writeString(client.resolve("budgets-1.csv"), "year,month,control_total\n2031,1,1000.00\n");

        Result load = forward("load", "budgets", "budgets-1.csv");

        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out()).isEqualTo("budgets budgets-1.csv: 1 rows loaded (1 new, 0 changed, 0 unchanged), 0 rejected\n");
        assertThat(jdbc.queryForObject("select control_total from budget where year = 2031 and month = 1", String.class))
                .isEqualTo("1000.00");
    }

    @Test
    void aRejectedFileExitsOneWithTheReportsPathAsTheCommandOnItsOwnDoes() throws Exception {
        Path bad = Files.writeString(client.resolve("budgets-bad.csv"), "year,month,control_total\n2031,13,1000.00\n");

        Result forwarded = forward("load", "budgets", "budgets-bad.csv");
        Result direct = direct("load", "budgets", bad.toString());

        assertThat(forwarded.exit()).isEqualTo(1).isEqualTo(direct.exit());
        assertThat(forwarded.out()).isEqualTo(direct.out())
                .isEqualTo("budgets budgets-bad.csv: 0 rows loaded (0 new, 0 changed, 0 unchanged), 1 rejected\n");
        assertThat(withoutReport(forwarded.err())).isEqualTo(withoutReport(direct.err()))
                .isEqualTo("load: 1 row(s) of budgets-bad.csv were rejected and not loaded\nreport: R\n");
        Path report = Path.of(forwarded.err().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow()
                .substring("report: ".length()));
        assertThat(report).exists().startsWith(HOME.resolve("out").resolve("reports"));
    }

    @Test
    void wrongUsageExitsTwoWithTheUsage() {
        Result wrong = forward("month-end", "--period", "2031-13");

        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("--period: '2031-13' is not a month in the form yyyy-MM\n").contains("Usage: medsettle month-end");
        Result help = forward("account", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: medsettle account");
    }

    @Test
    void anAccountPrintsWhatTheCommandOnItsOwnPrints() throws Exception {
        Files.writeString(client.resolve("members-forwarded.csv"), """
                psn_no,psn_name,certno,gend,brdy,psn_type,emp_no,insu_begn_date
                FW001,王伟,320706199001011230,1,1990-01-01,in_service,E001,2010-01-01
                """);
        Files.writeString(client.resolve("openings.csv"), "psn_no,as_of_date,balance\nFW001,2040-12-31,300.00\n");
        assertThat(forward("load", "members", "members-forwarded.csv", "--effective", "2040-01-01").exit()).isZero();
        assertThat(forward("load", "account-openings", "openings.csv").exit()).isZero();

        Result forwarded = forward("account", "FW001");
        Result direct = direct("account", "FW001");

        assertThat(forwarded).isEqualTo(direct);
        assertThat(forwarded.out()).contains("个人账户 FW001").contains("300.00").doesNotContain("320706199001011230");
        Result unknown = forward("account", "NOBODY");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("account: no member NOBODY\n");
    }

    @Test
    void aMonthEndPreviewMeetsTheRunLockAsACommandOfItsOwnWould() throws Exception {
        YearMonth period = YearMonth.of(2031, 5);
        try (Connection other = DriverManager.getConnection(url(), user(), password());
             Statement lock = other.createStatement()) {
            lock.execute("select pg_advisory_lock(" + 0x4D53 + ", " + MonthEnd.lockKey(period).hashCode() + ")");

            Result refused = forward("month-end", "--period", period.toString());

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).startsWith("month-end: monthEnd:2031-05 is already running")
                    .contains("\nmonth-end: monthEnd:2031-05 正在运行:由 ").doesNotContain("details:");
        }
        Result preview = forward("month-end", "--period", period.toString());

        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("draft run").contains("statements: " + HOME.resolve("out/2031-05/draft"));
        assertThat(HOME.resolve("out/2031-05/draft")).isDirectoryContaining(p -> p.toString().endsWith(".xlsx"));
    }

    @Test
    void whatServeShouldNotRunComesBackNotHereAndTheLauncherRunsItItself() throws IOException {
        Files.writeString(client.resolve("budgets-2.csv"), "year,month,control_total\n2031,2,1000.00\n");

        assertThat(forwardAs("run-2", clientEnvironment(), "load", "budgets", "budgets-2.csv").exit())
                .as("another build").isEqualTo(CommandClient.FALLBACK);
        assertThat(forward("load", "budgets", "budgets-2.csv", "--profile", "langfang-2024").exit())
                .as("another profile").isEqualTo(CommandClient.FALLBACK);
        assertThat(forward("load", "budgets", "budgets-2.csv", "--db-url", "jdbc:postgresql://elsewhere/medsettle").exit())
                .as("another database").isEqualTo(CommandClient.FALLBACK);
        Map<String, String> profile = clientEnvironment();
        profile.put("MEDSETTLE_PROFILE", "langfang-2024");
        assertThat(forwardAs(BUILD, profile, "load", "budgets", "budgets-2.csv").exit())
                .as("another profile in the environment").isEqualTo(CommandClient.FALLBACK);
        Map<String, String> zone = clientEnvironment();
        zone.put("MEDSETTLE_TIME_ZONE", "UTC");
        assertThat(forwardAs(BUILD, zone, "load", "budgets", "budgets-2.csv").exit())
                .as("another setting in the environment").isEqualTo(CommandClient.FALLBACK);
        assertThat(forward("user", "list").exit()).as("not a command serve runs").isEqualTo(CommandClient.FALLBACK);
        Path configured = Files.createDirectories(client.resolve("configured"));
        Files.writeString(configured.resolve("application.yaml"), "medsettle:\n  time-zone: UTC\n");
        assertThat(forwardIn(configured, "load", "budgets", "../budgets-2.csv").exit())
                .as("another application.yaml beside the command").isEqualTo(CommandClient.FALLBACK);
        assertThat(jdbc.queryForObject("select count(*) from budget where year = 2031 and month = 2", Long.class)).isZero();

        // The same database named by the options rather than the environment is serve's: run there.
        List<String> sameDatabase = new ArrayList<>(List.of("load", "budgets", "budgets-2.csv", "--db-url", url(),
                "--db-user", user(), "--db-password", password(), "--db-owner-user", ownerUser(),
                "--db-owner-password", ownerPassword()));
        assertThat(forwardAs(BUILD, new HashMap<>(System.getenv()), sameDatabase.toArray(String[]::new)).exit()).isZero();
    }

    @Test
    void noServeOrAStaleSocketFallsBackAndServeReplacesAStaleSocketAtItsStart() throws IOException {
        Path stale = CommandsSocket.of(new MedsettleHome(socketHome()));
        assertThat(CommandClient.run(stale, request(BUILD, client, clientEnvironment(), "account", "FW001"),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())).as("no socket").isEqualTo(CommandClient.FALLBACK);
        Files.createDirectories(stale.getParent());
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(stale)); // A serve killed: its socket file stays.
        }
        assertThat(stale).exists();
        assertThat(CommandClient.run(stale, request(BUILD, client, clientEnvironment(), "account", "NOBODY"),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())).as("stale socket").isEqualTo(CommandClient.FALLBACK);

        try (ForwardingServer again = start(stale, BUILD)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(CommandClient.run(stale, request(BUILD, client, clientEnvironment(), "account", "NOBODY"),
                    new ByteArrayOutputStream(), err)).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("account: no member NOBODY\n");
            assertThatThrownBy(() -> start(stale, BUILD)).as("a second serve of the home")
                    .isInstanceOf(CommandsSocket.AnsweredElsewhere.class);
        }
        assertThat(stale).doesNotExist();
    }

    @Test
    void bytesThatAreNotARequestAreRefusedInASentenceAndServeAnswersTheNextClient() throws IOException {
        assertThat(raw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("R refused: not a medsettle command client");
        assertThat(raw(ByteBuffer.allocate(13).putInt(Frames.MAGIC).putInt(Frames.VERSION).put(Frames.REQUEST)
                .putInt(Integer.MAX_VALUE).array()))
                .isEqualTo("R refused: a frame of 2147483647 bytes (at most 1048576)");
        assertThat(raw(ByteBuffer.allocate(21).putInt(Frames.MAGIC).putInt(Frames.VERSION).put(Frames.REQUEST)
                .putInt(8).putInt(Integer.MAX_VALUE).putInt(0).array()))
                .isEqualTo("R refused: a text of 2147483647 bytes in 4 bytes");
        assertThat(raw(ByteBuffer.allocate(8).putInt(Frames.MAGIC).putInt(Frames.VERSION + 1).array()))
                .startsWith("N protocol version 2");

        assertThat(forward("account", "NOBODY").exit()).isEqualTo(1);
    }

    @Test
    void aClientThatGoesAwayLeavesTheCommandToCompleteInServe() throws Exception {
        String completed = "select count(*) from batch_job_execution e where e.status = 'COMPLETED' and exists "
                + "(select 1 from batch_job_execution_params p where p.job_execution_id = e.job_execution_id "
                + "and p.parameter_name = 'period' and p.parameter_value = '2031-06')";
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Frames.writeHeader(channel);
            Frames.write(channel, Frames.REQUEST, request(BUILD, client, clientEnvironment(), "month-end", "--period", "2031-06").encode());
            assertThat(Frames.read(channel, Frames.MAX_ANSWER).type()).isEqualTo(Frames.ACCEPTED);
        } // Ctrl-C: gone before the command printed a line.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.queryForObject(completed, Long.class) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject(completed, Long.class)).isEqualTo(1);
    }

    @Test
    void theLaunchersClientIsAJvmOfTheJdkAloneThatExitsWithTheCommandsCode() throws Exception {
        Path classes = Files.createTempFile(client, "classes", ".log");

        ProcessResult account = clientProcess(BUILD, classes, "account", "NOBODY");
        ProcessResult older = clientProcess("run-0", null, "account", "NOBODY");

        assertThat(account.exit()).isEqualTo(1);
        assertThat(account.output()).isEqualTo("account: no member NOBODY\n");
        assertThat(older.exit()).isEqualTo(CommandClient.FALLBACK);
        assertThat(older.output()).isEmpty();
        assertThat(Files.readString(classes)).contains("io.medsettle.cli.forward.CommandClient")
                .doesNotContain("picocli").doesNotContain("org.springframework").doesNotContain("org.slf4j");
    }

    private record Result(int exit, String out, String err) {
    }

    private record ProcessResult(int exit, String output) {
    }

    private Result forward(String... args) {
        return forwardAs(BUILD, clientEnvironment(), args);
    }

    private Result forwardIn(Path directory, String... args) {
        return run(request(BUILD, directory, clientEnvironment(), args));
    }

    private Result forwardAs(String build, Map<String, String> environment, String... args) {
        return run(request(build, client, environment, args));
    }

    private Result run(CommandRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CommandClient.run(socket, request, out, err);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CommandRequest request(String build, Path directory, Map<String, String> environment, String... args) {
        return new CommandRequest(build, directory.toString(), ForwardedEnvironment.of(environment), List.of(args));
    }

    /** The command on its own, in this JVM, with the database options: what the launcher ran before. */
    private Result direct(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] exit = new int[1];
        InProcessCommands.withHome(HOME, () -> {
            CommandLine commandLine = MedsettleCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            exit[0] = commandLine.execute(Stream.concat(Stream.of(args), Stream.of("--db-url", url(), "--db-user", user(),
                    "--db-password", password(), "--db-owner-user", ownerUser(), "--db-owner-password", ownerPassword()))
                    .toArray(String[]::new));
        });
        return new Result(exit[0], out.toString(), err.toString());
    }

    /** The operator's environment: serve's, with the database in MEDSETTLE_DB_* rather than in options. */
    private Map<String, String> clientEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("MEDSETTLE_DB_URL", url());
        environment.put("MEDSETTLE_DB_USER", user());
        environment.put("MEDSETTLE_DB_PASSWORD", password());
        environment.put("MEDSETTLE_DB_OWNER_USER", ownerUser());
        environment.put("MEDSETTLE_DB_OWNER_PASSWORD", ownerPassword());
        return environment;
    }

    /** What serve answered a connection that wrote these bytes: the frame's type and text. */
    private String raw(byte[] bytes) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(bytes));
            Frames.Frame answer = Frames.read(channel, Frames.MAX_ANSWER);
            return (char) answer.type() + " " + new String(answer.payload(), StandardCharsets.UTF_8);
        }
    }

    /** The client as the launcher starts it: a JVM of its own in the operator's directory. */
    private ProcessResult clientProcess(String build, Path classLog, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dmedsettle.home=" + socketHome, "-Dmedsettle.build=" + build));
        if (classLog != null) {
            command.add("-Xlog:class+load:file=" + classLog);
        }
        command.add(CommandClient.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(client.toFile()).redirectErrorStream(true);
        builder.environment().putAll(clientEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(process.exitValue(), output);
    }

    private static String withoutReport(String err) {
        return err.replaceAll("(?m)^report: .*$", "report: R");
    }

    private String url() {
        return environment.getRequiredProperty("spring.datasource.url");
    }

    private String user() {
        return environment.getRequiredProperty("spring.datasource.username");
    }

    private String password() {
        return environment.getRequiredProperty("spring.datasource.password");
    }

    private String ownerUser() {
        return environment.getRequiredProperty("spring.flyway.user");
    }

    private String ownerPassword() {
        return environment.getRequiredProperty("spring.flyway.password");
    }
}
