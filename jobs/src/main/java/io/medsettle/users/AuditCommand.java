package io.medsettle.users;

import io.medsettle.app.Application;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit",
        mixinStandardHelpOptions = true,
        header = "List the web console's audit trail: logins, uploads, previews, approvals, downloads.",
        description = {
                "%nEvery event with its time (in the fund's time zone), the user, the address and what was done, "
                        + "oldest first; the trail is append-only. Without --since, the last 30 days.",
                ""})
public final class AuditCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "yyyy-MM-dd", description = "The first day listed.")
    LocalDate since;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.start()) {
            ZoneId zone = app.bean(MedsettleProperties.class).timeZone();
            LocalDate from = since != null ? since
                    : LocalDate.now(app.bean(java.time.Clock.class).withZone(zone)).minusDays(30);
            ConsoleTable table = ConsoleTable.of("时间", "用户", "地址", "操作", "内容");
            app.bean(Audit.class).since(from.atStartOfDay(zone).toInstant()).forEach(e -> table.row(
                    TIME.format(e.at().atZone(zone)), e.user(), e.address(), e.action(), e.detail()));
            table.print(out);
            return 0;
        }
    }
}
