package io.medsettle.console;

import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.yearend.YearEnd;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.Principal;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The accountant's year-end page: the year's approved run, or its preview and approval with the
 * figures table (four-eyes as for the month-end: the approver is another user than the one who ran
 * the last preview, unless {@code medsettle.console.four-eyes} is false), run in the background with
 * their progress on the page as the month-end's ({@link BackgroundRuns}, which audits every start,
 * preview, approval and refusal).
 */
@Controller
class YearEndController {

    /** The audit's actions of the year-end: {@code year-end-preview}, {@code year-end-approve}, … */
    private static final String AUDIT_PREFIX = "year-end-";
    private static final String PREVIEW = AUDIT_PREFIX + "preview";

    private final YearEnd yearEnd;
    private final BackgroundRuns runs;
    private final ConsoleMessages messages;
    private final FourEyes fourEyes;

    YearEndController(YearEnd yearEnd, BackgroundRuns runs, ConsoleMessages messages, FourEyes fourEyes) {
        this.yearEnd = yearEnd;
        this.runs = runs;
        this.messages = messages;
        this.fourEyes = fourEyes;
    }

    @GetMapping("/accountant/years/go")
    String go(@RequestParam String year) {
        return "redirect:/accountant/years/" + year(year);
    }

    /** The year's page, with the figures of the run asked for ({@code ?run=}), else of the approved run. */
    @GetMapping("/accountant/years/{year}")
    String year(@PathVariable String year, @RequestParam(name = "run", required = false) Long run, Model model) {
        int y = year(year);
        Optional<YearEnd.Outcome> approved = yearEnd.approved(y);
        Optional<YearEnd.Outcome> shown = run == null ? approved
                : Optional.of(yearEnd.outcome(y, run).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("year", y);
        model.addAttribute("approved", approved.orElse(null));
        shown.ifPresent(outcome -> model.addAttribute("outcome", outcome));
        model.addAttribute("fourEyes", fourEyes.enabled());
        model.addAttribute("previewBy", fourEyes.lastPreviewBy(PREVIEW, Integer.toString(y)).orElse(null));
        runs.addPanel(model, target(y));
        return "accountant/year";
    }

    @PostMapping("/accountant/years/{year}/preview")
    String preview(@PathVariable String year, Principal principal, HttpServletRequest request, Model model) {
        return start(year(year), YearEnd.Mode.PREVIEW, principal, request, model);
    }

    @PostMapping("/accountant/years/{year}/approve")
    String approve(@PathVariable String year, Principal principal, HttpServletRequest request, Model model) {
        int y = year(year);
        Optional<String> refused = fourEyes.refusal(PREVIEW, Integer.toString(y), principal.getName(), "year.previewFirst");
        if (refused.isPresent()) {
            model.addAttribute("error", refused.get());
            return year(year, null, model);
        }
        return start(y, YearEnd.Mode.APPROVE, principal, request, model);
    }

    /**
     * Starts the run in the background and shows the year's page with its progress, by a redirect so
     * that reloading the page does not start another run.
     */
    private String start(int year, YearEnd.Mode mode, Principal principal, HttpServletRequest request, Model model) {
        Optional<RunInProgressException> busy = runs.start(target(year), mode == YearEnd.Mode.APPROVE, principal.getName(),
                request.getRemoteAddr(), () -> yearEnd.run(year, mode, JobRuns.Trigger.MANUAL).runId());
        if (busy.isPresent()) {
            model.addAttribute("error", messages.text("year.busy", Integer.toString(year), messages.said(busy.get())));
            return year(Integer.toString(year), null, model);
        }
        return "redirect:/accountant/years/" + year;
    }

    /** The progress panel alone, which htmx asks for every second while a run of the year goes on. */
    @GetMapping("/accountant/years/{year}/progress")
    String progress(@PathVariable String year, @RequestParam(name = "task", required = false) Long task,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        return runs.panel(target(year(year)), task, request, response, model);
    }

    private static RunTarget target(int year) {
        return new RunTarget(RunTarget.Kind.YEAR_END, YearEnd.JOB_NAME, YearEnd.YEAR_PARAMETER, Integer.toString(year),
                YearEnd.lockKey(year), "/accountant/years/" + year, AUDIT_PREFIX, YearEnd.Refused.class);
    }

    private static int year(String text) {
        if (!text.matches("[0-9]{4}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Integer.parseInt(text);
    }
}
