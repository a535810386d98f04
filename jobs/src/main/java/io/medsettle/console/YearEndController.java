package io.medsettle.console;

import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.users.Audit;
import io.medsettle.yearend.YearEnd;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The accountant's year-end page: the year's approved run, or its preview and approval with the
 * figures table (four-eyes as for the month-end: the approver is another user than the one who ran
 * the last preview, unless {@code medsettle.console.four-eyes} is false). Every preview, approval and
 * refusal is audited.
 */
@Controller
class YearEndController {

    private static final String PREVIEW = "year-end-preview";
    private static final String APPROVE = "year-end-approve";

    private final YearEnd yearEnd;
    private final Audit audit;
    private final JdbcClient jdbc;
    private final boolean fourEyes;

    YearEndController(YearEnd yearEnd, Audit audit, JdbcClient jdbc,
                      @Value("${medsettle.console.four-eyes:true}") boolean fourEyes) {
        this.yearEnd = yearEnd;
        this.audit = audit;
        this.jdbc = jdbc;
        this.fourEyes = fourEyes;
    }

    @GetMapping("/accountant/years/go")
    String go(@org.springframework.web.bind.annotation.RequestParam String year) {
        return "redirect:/accountant/years/" + year(year);
    }

    @GetMapping("/accountant/years/{year}")
    String year(@PathVariable String year, Model model) {
        int y = year(year);
        model.addAttribute("year", y);
        yearEnd.approved(y).ifPresent(outcome -> {
            model.addAttribute("approved", outcome);
            if (!model.containsAttribute("outcome")) {
                model.addAttribute("outcome", outcome);
            }
        });
        model.addAttribute("fourEyes", fourEyes);
        model.addAttribute("previewBy", lastPreviewBy(y).orElse(null));
        return "accountant/year";
    }

    @PostMapping("/accountant/years/{year}/preview")
    String preview(@PathVariable String year, Principal principal, HttpServletRequest request, Model model) {
        return run(year(year), YearEnd.Mode.PREVIEW, principal, request, model);
    }

    @PostMapping("/accountant/years/{year}/approve")
    String approve(@PathVariable String year, Principal principal, HttpServletRequest request, Model model) {
        int y = year(year);
        String previewBy = lastPreviewBy(y).orElse(null);
        if (fourEyes && (previewBy == null || previewBy.equals(principal.getName()))) {
            model.addAttribute("error", previewBy == null
                    ? "请先由另一位会计预览本年度年终清算 (another accountant previews the year-end first)"
                    : "四眼原则:审核人须与预览人(" + previewBy + ")不同 (four eyes: the approver must not be the one who previewed)");
            return year(year, model);
        }
        return run(y, YearEnd.Mode.APPROVE, principal, request, model);
    }

    private String run(int year, YearEnd.Mode mode, Principal principal, HttpServletRequest request, Model model) {
        String action = mode == YearEnd.Mode.APPROVE ? APPROVE : PREVIEW;
        try {
            YearEnd.Outcome outcome = yearEnd.run(year, mode, JobRuns.Trigger.MANUAL);
            audit.record(principal.getName(), request.getRemoteAddr(), action, Integer.toString(year));
            model.addAttribute("outcome", outcome);
        } catch (YearEnd.Refused refused) {
            audit.record(principal.getName(), request.getRemoteAddr(), action + "-refused", Integer.toString(year));
            model.addAttribute("error", refused.getMessage());
        } catch (IllegalStateException failed) {
            // The run failed (the database went away, a bug): said on the page; run again, it resumes.
            audit.record(principal.getName(), request.getRemoteAddr(), action + "-failed", Integer.toString(year));
            model.addAttribute("error", "年终清算未完成 (the year-end did not complete): " + failed.getMessage());
        } catch (RunInProgressException busy) {
            audit.record(principal.getName(), request.getRemoteAddr(), action + "-busy", Integer.toString(year));
            model.addAttribute("error", "本年度年终清算正在运行,请稍后刷新 (the year-end of " + year + " is running: "
                    + busy.getMessage() + ")");
        }
        return year(Integer.toString(year), model);
    }

    private Optional<String> lastPreviewBy(int year) {
        return jdbc.sql("select user_name from audit_event where action = ? and detail = ? order by event_id desc limit 1")
                .params(PREVIEW, Integer.toString(year)).query(String.class).optional();
    }

    private static int year(String text) {
        if (!text.matches("[0-9]{4}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Integer.parseInt(text);
    }
}
