package io.medsettle.console;

import io.medsettle.users.Audit;
import io.medsettle.users.ConsoleUsers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Statements and payment orders of approved month-ends: finance (and accountants) take any of a
 * period's files or all of them as one zip; a hospital takes its own institutions' workbooks.
 */
@Controller
class StatementsController {

    private final Statements statements;
    private final ConsoleUsers users;
    private final Audit audit;

    StatementsController(Statements statements, ConsoleUsers users, Audit audit) {
        this.statements = statements;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/finance/statements")
    String all(Model model) {
        Map<String, List<String>> byPeriod = new LinkedHashMap<>();
        statements.approvedPeriods().forEach(p -> byPeriod.put(p, statements.files(p)));
        model.addAttribute("periods", byPeriod);
        return "finance/statements";
    }

    @GetMapping("/finance/statements/{period}/{name}")
    ResponseEntity<Resource> one(@PathVariable String period, @PathVariable String name, Principal principal,
                                 HttpServletRequest request) {
        String month = folder(period);
        return download(statements.file(month, name, statements.files(month)), name, principal, request);
    }

    @GetMapping("/finance/statements/{period}.zip")
    void zip(@PathVariable String period, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String month = folder(period);
        List<String> names = statements.files(month);
        if (names.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        audit.record(principal.getName(), request.getRemoteAddr(), "download", "statements " + month + ".zip");
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("statements-" + month + ".zip").build().toString());
        // Streamed file by file: a period of 2,000 institutions' workbooks is never held in memory.
        try (OutputStream out = response.getOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(month + "/" + name));
                Files.copy(statements.file(month, name, names).orElseThrow(), zip);
                zip.closeEntry();
            }
        }
    }

    @GetMapping("/hospital/statements")
    String own(Principal principal, Model model) {
        List<String> institutions = institutions(principal);
        Map<String, List<String>> byPeriod = new LinkedHashMap<>();
        statements.approvedPeriods().forEach(p -> byPeriod.put(p, statements.ownWorkbooks(p, institutions)));
        byPeriod.values().removeIf(List::isEmpty);
        model.addAttribute("periods", byPeriod);
        return "hospital/statements";
    }

    @GetMapping("/hospital/statements/{period}/{name}")
    ResponseEntity<Resource> ownOne(@PathVariable String period, @PathVariable String name, Principal principal,
                                    HttpServletRequest request) {
        String month = folder(period);
        return download(statements.file(month, name, statements.ownWorkbooks(month, institutions(principal))), name,
                principal, request);
    }

    private ResponseEntity<Resource> download(java.util.Optional<Path> file, String name, Principal principal,
                                              HttpServletRequest request) {
        Path path = file.filter(Files::isRegularFile).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(principal.getName(), request.getRemoteAddr(), "download", name);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .body(new FileSystemResource(path));
    }

    private List<String> institutions(Principal principal) {
        return users.find(principal.getName()).map(ConsoleUsers.User::institutions).orElse(List.of());
    }

    /** A period's folder (yyyy-MM) or a year's (yyyy); anything else is no statement of ours. */
    private static String folder(String period) {
        try {
            return period.length() == 4 ? Integer.toString(java.time.Year.parse(period).getValue())
                    : YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
