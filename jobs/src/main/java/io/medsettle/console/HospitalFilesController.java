package io.medsettle.console;

import io.medsettle.intake.DischargeIntake;
import io.medsettle.users.Audit;
import io.medsettle.users.ConsoleUsers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * A hospital's own discharge files: upload one (the same intake as the command), see its outcome
 * and download its report, list the files it sent. Another institution's file is "not found",
 * never "forbidden": its existence is not told.
 */
@Controller
class HospitalFilesController {

    private static final Pattern PERIOD_IN_NAME = Pattern.compile("(20\\d\\d)-?(0[1-9]|1[0-2])");

    private final HospitalFiles files;
    private final ConsoleUsers users;
    private final Uploads uploads;
    private final Audit audit;
    private final ConsoleMessages messages;

    HospitalFilesController(HospitalFiles files, ConsoleUsers users, Uploads uploads, Audit audit, ConsoleMessages messages) {
        this.files = files;
        this.users = users;
        this.uploads = uploads;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/hospital/files")
    String list(Principal principal, Model model) {
        List<String> institutions = institutions(principal);
        model.addAttribute("institutions", institutions);
        model.addAttribute("files", files.recent(institutions));
        return "hospital/files";
    }

    @PostMapping("/hospital/files")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam("institution") String institution,
                  @RequestParam(name = "period", required = false) String period, Principal principal,
                  HttpServletRequest request, Model model) throws IOException {
        List<String> institutions = institutions(principal);
        if (!institutions.contains(institution)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        YearMonth month = period(period, file.getOriginalFilename());
        if (month == null || file.isEmpty()) {
            model.addAttribute("institutions", institutions);
            model.addAttribute("files", files.recent(institutions));
            model.addAttribute("error", file.isEmpty() ? messages.text("files.empty") : messages.text("files.noPeriod"));
            return "hospital/files";
        }
        DischargeIntake.Outcome outcome = uploads.take(file, institution, month);
        audit.record(principal.getName(), request.getRemoteAddr(), "upload", institution + " " + month + " file "
                + outcome.fileId() + " " + outcome.result() + " (" + safeName(file.getOriginalFilename()) + ")");
        return "redirect:/hospital/files/" + outcome.fileId();
    }

    @GetMapping("/hospital/files/{id}")
    String outcome(@PathVariable long id, Principal principal, Model model) {
        model.addAttribute("file", files.one(id, institutions(principal))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "hospital/file";
    }

    @GetMapping("/hospital/files/{id}/report")
    ResponseEntity<Resource> report(@PathVariable long id, Principal principal, HttpServletRequest request) {
        HospitalFiles.FileRow file = files.one(id, institutions(principal))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Path report = file.report().filter(Files::isRegularFile)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(principal.getName(), request.getRemoteAddr(), "download", "report of file " + id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("report-" + file.institution() + "-" + file.period() + "-" + id + ".csv").build().toString())
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(new FileSystemResource(report));
    }

    private List<String> institutions(Principal principal) {
        return users.find(principal.getName()).map(ConsoleUsers.User::institutions).orElse(List.of());
    }

    /** The period given, or one named in the file's name (2025-01, 202501); null when neither. */
    static YearMonth period(String given, String fileName) {
        try {
            if (given != null && !given.isBlank()) {
                return YearMonth.parse(given.strip());
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        Matcher m = PERIOD_IN_NAME.matcher(fileName == null ? "" : fileName);
        return m.find() ? YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    private static String safeName(String name) {
        return name == null ? "" : name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
    }
}
