package io.medsettle.console;

import io.medsettle.accountbook.AccountStatement;
import io.medsettle.files.Identifiers;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.users.Audit;

import java.security.Principal;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
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
 * {@code medsettle.console.four-eyes} is false), and a member's account.
 */
@Controller
class AccountantController {

    private final PeriodDashboard dashboard;
    private final MonthEnd monthEnd;
    private final AccountStatement accounts;
    private final Audit audit;
    private final boolean fourEyes;

    AccountantController(PeriodDashboard dashboard, MonthEnd monthEnd, AccountStatement accounts, Audit audit,
                         @Value("${medsettle.console.four-eyes:true}") boolean fourEyes) {
        this.dashboard = dashboard;
        this.monthEnd = monthEnd;
        this.accounts = accounts;
        this.audit = audit;
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

    @GetMapping("/accountant/periods/{period}")
    String period(@PathVariable String period, Model model) {
        YearMonth month = month(period);
        model.addAttribute("period", month);
        model.addAttribute("institutions", dashboard.institutions(month));
        model.addAttribute("runs", dashboard.runs(month));
        model.addAttribute("approved", monthEnd.approved(month).orElse(null));
        model.addAttribute("fourEyes", fourEyes);
        model.addAttribute("previewBy", dashboard.lastPreviewBy(month).orElse(null));
        return "accountant/period";
    }

    @PostMapping("/accountant/periods/{period}/preview")
    String preview(@PathVariable String period, Principal principal, HttpServletRequest request, Model model) {
        YearMonth month = month(period);
        return run(month, MonthEnd.Mode.PREVIEW, principal, request, model);
    }

    @PostMapping("/accountant/periods/{period}/approve")
    String approve(@PathVariable String period, Principal principal, HttpServletRequest request, Model model) {
        YearMonth month = month(period);
        String previewBy = dashboard.lastPreviewBy(month).orElse(null);
        if (fourEyes && (previewBy == null || previewBy.equals(principal.getName()))) {
            model.addAttribute("error", previewBy == null
                    ? "请先由另一位会计预览本期月结 (another accountant previews the month first)"
                    : "四眼原则:审核人须与预览人(" + previewBy + ")不同 (four eyes: the approver must not be the one who previewed)");
            return period(period, model);
        }
        return run(month, MonthEnd.Mode.APPROVE, principal, request, model);
    }

    private String run(YearMonth month, MonthEnd.Mode mode, Principal principal, HttpServletRequest request, Model model) {
        String action = mode == MonthEnd.Mode.APPROVE ? "approve" : "preview";
        try {
            MonthEnd.Outcome outcome = monthEnd.run(month, mode, JobRuns.Trigger.MANUAL);
            audit.record(principal.getName(), request.getRemoteAddr(), action, month.toString());
            model.addAttribute("outcome", outcome);
            model.addAttribute("chart", BarChart.of(outcome));
        } catch (MonthEnd.Refused refused) {
            audit.record(principal.getName(), request.getRemoteAddr(), action + "-refused", month.toString());
            model.addAttribute("error", refused.getMessage());
        } catch (RunInProgressException busy) {
            // Two accountants clicking at once, or the schedule running the month: the second waits for nothing.
            audit.record(principal.getName(), request.getRemoteAddr(), action + "-busy", month.toString());
            model.addAttribute("error", "本期月结正在运行,请稍后刷新 (the month-end of " + month + " is running: "
                    + busy.getMessage() + ")");
        }
        return period(month.toString(), model);
    }

    @GetMapping("/accountant/accounts")
    String account(@RequestParam(name = "psn", required = false) String psn,
                   @RequestParam(name = "year", required = false) Integer year, Model model) {
        model.addAttribute("psn", psn);
        if (psn != null && !psn.isBlank()) {
            if (!Identifiers.isMemberNumber(psn)) {
                model.addAttribute("error", "人员编号格式不正确 (" + Identifiers.MEMBER_NUMBER_RULE + ")");
            } else {
                accounts.of(psn, year == null ? null : Year.of(year)).ifPresentOrElse(
                        statement -> model.addAttribute("statement", statement),
                        () -> model.addAttribute("error", "参保人员不存在 (no member " + psn + ")"));
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
