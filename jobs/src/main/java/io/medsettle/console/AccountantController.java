package io.medsettle.console;

import io.medsettle.accountbook.AccountStatement;
import io.medsettle.files.Identifiers;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.security.Principal;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The accountant's pages: the periods, a period's dashboard, the month-end preview and approval
 * (four-eyes: the approver is another user than the one who ran the last preview, unless
 * {@code medsettle.console.four-eyes} is false) run in the background with their progress on the
 * page ({@link BackgroundRuns}), the figures of a run, and a member's account.
 */
@Controller
class AccountantController {

    /** The audit's action of a month-end preview from the console, which the four-eyes rule reads. */
    private static final String PREVIEW = "preview";

    private final PeriodDashboard dashboard;
    private final MonthEnd monthEnd;
    private final AccountStatement accounts;
    private final BackgroundRuns runs;
    private final ConsoleMessages messages;
    private final FourEyes fourEyes;

    AccountantController(PeriodDashboard dashboard, MonthEnd monthEnd, AccountStatement accounts, BackgroundRuns runs,
                         ConsoleMessages messages, FourEyes fourEyes) {
        this.dashboard = dashboard;
        this.monthEnd = monthEnd;
        this.accounts = accounts;
        this.runs = runs;
        this.messages = messages;
        this.fourEyes = fourEyes;
    }

    @GetMapping("/accountant")
    String periods(Model model) {
        model.addAttribute("periods", dashboard.periods());
        return "accountant/periods";
    }

    @GetMapping("/accountant/periods/go")
    String go(@RequestParam String period) {
        return "redirect:/accountant/periods/" + month(period);
    }

    /** The period's page, with the figures of the run asked for ({@code ?run=}), else of the approved run. */
    @GetMapping("/accountant/periods/{period}")
    String period(@PathVariable String period, @RequestParam(name = "run", required = false) Long run, Model model) {
        YearMonth month = month(period);
        Optional<MonthEnd.Outcome> approved = monthEnd.approved(month);
        Optional<MonthEnd.Outcome> shown = run == null ? approved
                : Optional.of(monthEnd.outcome(month, run).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("period", month);
        model.addAttribute("institutions", dashboard.institutions(month));
        model.addAttribute("runs", dashboard.runs(month));
        model.addAttribute("approved", approved.orElse(null));
        shown.ifPresent(outcome -> {
            model.addAttribute("outcome", outcome);
            model.addAttribute("chart", BarChart.of(outcome));
        });
        model.addAttribute("fourEyes", fourEyes.enabled());
        model.addAttribute("previewBy", fourEyes.lastPreviewBy(PREVIEW, month.toString()).orElse(null));
        runs.addPanel(model, target(month));
        return "accountant/period";
    }

    @PostMapping("/accountant/periods/{period}/preview")
    String preview(@PathVariable String period, Principal principal, HttpServletRequest request, Model model) {
        return start(month(period), MonthEnd.Mode.PREVIEW, principal, request, model);
    }

    @PostMapping("/accountant/periods/{period}/approve")
    String approve(@PathVariable String period, Principal principal, HttpServletRequest request, Model model) {
        YearMonth month = month(period);
        Optional<String> refused = fourEyes.refusal(PREVIEW, month.toString(), principal.getName(), "month.previewFirst");
        if (refused.isPresent()) {
            model.addAttribute("error", refused.get());
            return period(period, null, model);
        }
        return start(month, MonthEnd.Mode.APPROVE, principal, request, model);
    }

    /**
     * Starts the run in the background and shows the period's page with its progress, by a redirect so
     * that reloading the page does not start another run.
     */
    private String start(YearMonth month, MonthEnd.Mode mode, Principal principal, HttpServletRequest request, Model model) {
        Optional<RunInProgressException> busy = runs.start(target(month), mode == MonthEnd.Mode.APPROVE, principal.getName(),
                request.getRemoteAddr(), () -> monthEnd.run(month, mode, JobRuns.Trigger.MANUAL).runId());
        if (busy.isPresent()) {
            // Two accountants clicking at once: the second waits for nothing.
            model.addAttribute("error", messages.text("month.busy", month.toString(), messages.said(busy.get())));
            return period(month.toString(), null, model);
        }
        return "redirect:/accountant/periods/" + month;
    }

    /** The progress panel alone, which htmx asks for every second while a run of the period goes on. */
    @GetMapping("/accountant/periods/{period}/progress")
    String progress(@PathVariable String period, @RequestParam(name = "task", required = false) Long task,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        return runs.panel(target(month(period)), task, request, response, model);
    }

    private static RunTarget target(YearMonth month) {
        return new RunTarget(RunTarget.Kind.MONTH_END, MonthEnd.JOB_NAME, MonthEnd.PERIOD_PARAMETER, month.toString(),
                MonthEnd.lockKey(month), "/accountant/periods/" + month, "", MonthEnd.Refused.class);
    }

    @GetMapping("/accountant/accounts")
    String account(@RequestParam(name = "psn", required = false) String psn,
                   @RequestParam(name = "year", required = false) Integer year, Model model) {
        model.addAttribute("psn", psn);
        if (psn != null && !psn.isBlank()) {
            if (!Identifiers.isMemberNumber(psn)) {
                model.addAttribute("error", messages.text("account.badNumber", Identifiers.MEMBER_NUMBER_RULE));
            } else {
                accounts.of(psn, year == null ? null : Year.of(year)).ifPresentOrElse(
                        statement -> model.addAttribute("statement", statement),
                        () -> model.addAttribute("error", messages.text("account.noMember", psn)));
            }
        }
        return "accountant/account";
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
