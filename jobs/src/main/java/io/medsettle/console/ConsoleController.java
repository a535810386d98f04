package io.medsettle.console;

import io.medsettle.users.ConsoleUsers;

import java.security.Principal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, the landing page of each role, and the page where a user changes the password. */
@Controller
class ConsoleController {

    /** The shortest password a user may choose. */
    static final int MIN_PASSWORD = 12;

    private final ConsoleUsers users;
    private final ConsoleMessages messages;

    ConsoleController(ConsoleUsers users, ConsoleMessages messages) {
        this.users = users;
        this.messages = messages;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Principal principal, Model model) {
        ConsoleUsers.User user = users.find(principal.getName()).orElseThrow();
        if (user.role() == io.medsettle.users.Role.HOSPITAL) {
            return "redirect:/hospital/files";
        }
        model.addAttribute("user", user);
        return "home";
    }

    @GetMapping("/password")
    String passwordForm() {
        return "password";
    }

    @PostMapping("/password")
    String changePassword(@RequestParam String current, @RequestParam("new") String chosen, @RequestParam String repeated,
                          Principal principal, Model model, HttpServletRequest request) throws ServletException {
        String problem = !users.matches(principal.getName(), current) ? messages.text("password.wrongCurrent")
                : chosen.length() < MIN_PASSWORD ? messages.text("password.tooShort", Integer.toString(MIN_PASSWORD))
                : !chosen.equals(repeated) ? messages.text("password.differ")
                : chosen.equals(current) ? messages.text("password.same")
                : null;
        if (problem != null) {
            model.addAttribute("error", problem);
            return "password";
        }
        users.changePassword(principal.getName(), chosen);
        // Log in again with the new password: the session's authorities were those of the first one.
        request.logout();
        return "redirect:/login?changed";
    }
}
