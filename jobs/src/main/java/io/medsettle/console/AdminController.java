package io.medsettle.console;

import io.medsettle.users.Audit;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrator's page: the users, and adding, disabling and resetting them as the {@code user}
 * command does. A first password is shown once, on the page that made it.
 */
@Controller
class AdminController {

    private final ConsoleUsers users;
    private final Audit audit;
    private final ConsoleMessages messages;

    AdminController(ConsoleUsers users, Audit audit, ConsoleMessages messages) {
        this.users = users;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", Arrays.stream(Role.values()).map(Role::id).toList());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String add(@RequestParam String name, @RequestParam String role,
               @RequestParam(name = "institutions", defaultValue = "") String institutions,
               Principal principal, HttpServletRequest request, Model model) {
        List<String> codes = Arrays.stream(institutions.split("[\\s,]+")).filter(c -> !c.isBlank()).toList();
        if (Arrays.stream(Role.values()).noneMatch(r -> r.id().equals(role))) {
            model.addAttribute("error", messages.text("users.noRole", role));
            return list(model);
        }
        try {
            String password = users.add(name, Role.of(role), codes);
            audit.record(principal.getName(), request.getRemoteAddr(), "user-add", name + " " + role + " " + String.join(" ", codes));
            model.addAttribute("created", name);
            model.addAttribute("password", password);
        } catch (ConsoleUsers.UserException e) {
            model.addAttribute("error", messages.said(e));
        }
        return list(model);
    }

    @PostMapping("/admin/users/{name}/disable")
    String disable(@PathVariable String name, Principal principal, HttpServletRequest request, Model model) {
        if (name.equals(principal.getName())) {
            model.addAttribute("error", messages.text("users.disableSelf"));
            return list(model);
        }
        try {
            users.disable(name);
            audit.record(principal.getName(), request.getRemoteAddr(), "user-disable", name);
        } catch (ConsoleUsers.UserException e) {
            model.addAttribute("error", messages.said(e));
        }
        return list(model);
    }

    @PostMapping("/admin/users/{name}/reset")
    String reset(@PathVariable String name, Principal principal, HttpServletRequest request, Model model) {
        try {
            model.addAttribute("password", users.reset(name));
            model.addAttribute("created", name);
            audit.record(principal.getName(), request.getRemoteAddr(), "user-reset", name);
        } catch (ConsoleUsers.UserException e) {
            model.addAttribute("error", messages.said(e));
        }
        return list(model);
    }
}
