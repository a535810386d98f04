package io.medsettle.schedule;

import io.medsettle.app.Application;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.forward.ForwardingServer;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.core.env.Environment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        mixinStandardHelpOptions = true,
        header = "Run the nightly schedule until stopped (Ctrl-C).",
        description = {
                "%nStarts the Quartz scheduler on the database's job store: the nightly intake of var/inbox/ and the "
                        + "month-end run (on the 11th by default: every month that is due and still open, oldest "
                        + "first). A run missed while the server was stopped runs once when it starts again. The times are "
                        + "medsettle.schedule.intake-cron and medsettle.schedule.month-end-cron in config/application.yaml; "
                        + "medsettle.schedule.month-end-approves says whether the scheduled month-end approves or only "
                        + "previews. A scheduled run and a manual one never run the same job and period together: the "
                        + "second is refused and told who holds the run. Also serves the web console, and health and "
                        + "Prometheus metrics for monitoring at /actuator/health and /actuator/prometheus (from this "
                        + "machine, or to an administrator). Logs: var/log/medsettle.log, with a line at the start and "
                        + "the end of every job run.",
                "%nWhile it runs, it also runs the small commands given to ./medsettle on this home (load, account, "
                        + "month-end, year-end) on its own running context, so that they answer at once instead of "
                        + "starting a JVM and the application each: through var/run/commands.sock, which only this "
                        + "operating-system user can open. A command for another database, profile or build, or with "
                        + "MEDSETTLE_NO_FORWARD=1, starts on its own as before.",
                ""})
public final class ServeCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The web console's port (default: server.port of config/application.yaml, 8080; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port: '" + port + "' is not a port");
            }
            System.setProperty("server.port", port.toString());
        }
        Application app = options.startWeb();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<ForwardingServer> commands = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The socket first: a command given meanwhile starts on its own rather than on a closing context.
            Optional.ofNullable(commands.get()).ifPresent(ForwardingServer::close);
            app.close();
            stopped.countDown();
        }, "medsettle-serve-shutdown"));
        Scheduler scheduler = app.bean(Scheduler.class);
        ZoneId zone = app.bean(MedsettleProperties.class).timeZone();
        // Read before the start: a firing missed while the server was down is shown as such, and
        // Quartz runs it once as soon as the scheduler starts.
        Date now = Date.from(app.bean(Clock.class).instant());
        ConsoleTable table = ConsoleTable.of("任务", "说明", "cron", "下次运行");
        for (String name : new String[] {ScheduleConfiguration.NIGHTLY_INTAKE, ScheduleConfiguration.MONTH_END}) {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(name));
            Date next = trigger.getNextFireTime();
            String when = next == null ? "" : TIME.format(next.toInstant().atZone(zone));
            table.row(name, scheduler.getJobDetail(JobKey.jobKey(name)).getDescription(),
                    trigger instanceof CronTrigger cron ? cron.getCronExpression() : "",
                    next != null && next.before(now) ? "now (missed " + when + ")" : when);
        }
        scheduler.start();
        out.println("medsettle serve: database " + app.database().describe() + "; schedule (" + zone + "):");
        table.print(out);
        Environment environment = app.bean(Environment.class);
        String base = "http://" + environment.getProperty("server.address", "127.0.0.1") + ":"
                + environment.getProperty("local.server.port");
        out.println("web console: " + base + "/ (users: ./medsettle user add NAME --role ROLE)");
        out.println("monitoring: " + base + "/actuator/health and /actuator/prometheus (from this machine, or an admin's login)");
        ForwardingServer.startForServe(app, options.settings()).ifPresentOrElse(server -> {
            commands.set(server);
            out.println("commands: ./medsettle load, account, month-end and year-end on this home are run here ("
                    + server.socket() + ")");
        }, () -> out.println("commands: each ./medsettle command starts on its own (see var/log/medsettle.log)"));
        out.println("running; Ctrl-C stops it");
        out.flush();
        stopped.await();
        return 0;
    }
}
