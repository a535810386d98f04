package io.medsettle.console;

import io.medsettle.intake.DischargeIntake;
import io.medsettle.users.Audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/discharge-files} (multipart {@code file} and {@code period}): the same intake as
 * the command, for the token's institution; answers the outcome as JSON with the link to its
 * problems. {@code GET /api/v1/discharge-files/{id}} and {@code …/problems} (CSV) for the token's
 * institution's files only (404 otherwise).
 */
@RestController
class UploadApiController {

    /** The outcome of a file, as the API answers it. */
    record FileOutcome(long id, String institution, String period, String status, Integer rowsRead, Integer rowsLoaded,
                       Integer rowsRejected, boolean late, String problems) {
    }

    private final HospitalFiles files;
    private final Uploads uploads;
    private final Audit audit;

    UploadApiController(HospitalFiles files, Uploads uploads, Audit audit) {
        this.files = files;
        this.uploads = uploads;
        this.audit = audit;
    }

    @PostMapping("/api/v1/discharge-files")
    ResponseEntity<FileOutcome> upload(@RequestParam("file") MultipartFile file, @RequestParam("period") String period,
                                       Principal principal, HttpServletRequest request) throws IOException {
        String institution = ApiSecurityConfiguration.institutionOf(principal.getName());
        YearMonth month = HospitalFilesController.period(period, null);
        if (month == null || file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, month == null ? "period is yyyy-MM" : "the file is empty");
        }
        DischargeIntake.Outcome outcome = uploads.take(file, institution, month);
        audit.record(principal.getName(), request.getRemoteAddr(), "api-upload", institution + " " + month + " file "
                + outcome.fileId() + " " + outcome.result());
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome(outcome.fileId(), institution));
    }

    @GetMapping("/api/v1/discharge-files/{id}")
    FileOutcome one(@PathVariable long id, Principal principal) {
        return outcome(id, ApiSecurityConfiguration.institutionOf(principal.getName()));
    }

    @GetMapping("/api/v1/discharge-files/{id}/problems")
    ResponseEntity<Resource> problems(@PathVariable long id, Principal principal) {
        Path report = files.one(id, List.of(ApiSecurityConfiguration.institutionOf(principal.getName())))
                .flatMap(HospitalFiles.FileRow::report).filter(Files::isRegularFile)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(new FileSystemResource(report));
    }

    private FileOutcome outcome(long id, String institution) {
        HospitalFiles.FileRow f = files.one(id, List.of(institution))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new FileOutcome(f.id(), f.institution(), f.period(), f.status(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                f.late(), f.reportCsv() == null ? null : "/api/v1/discharge-files/" + f.id() + "/problems");
    }
}
