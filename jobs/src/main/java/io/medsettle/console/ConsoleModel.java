package io.medsettle.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's header shows: who is logged in (and so the logout button), and the language switch. */
@ControllerAdvice
class ConsoleModel {

    /** The links of the language switch: this page in Chinese and in English. */
    record Languages(String zh, String en) {
    }

    @ModelAttribute("currentUser")
    String currentUser(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("languages")
    Languages languages(HttpServletRequest request) {
        String page = page(request);
        return new Languages(link(page, "zh-CN"), link(page, "en"));
    }

    /**
     * The page to show again in the other language. A page answering a form (a refused approval, a
     * user added) has no address of its own to ask for again: the switch then goes back to the page
     * the form was on (the Referer), of which only the path and query are kept so that it never
     * leads off this server, or to the home page without one.
     */
    private static String page(HttpServletRequest request) {
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            return request.getRequestURI() + (query == null ? "" : "?" + query);
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer != null) {
            try {
                URI uri = new URI(referer);
                if (uri.getRawPath() != null && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//")) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (URISyntaxException e) {
                // Not an address: the home page below.
            }
        }
        return request.getContextPath() + "/";
    }

    private static String link(String page, String language) {
        return UriComponentsBuilder.fromUriString(page).replaceQueryParam(ConsoleLocale.PARAMETER, language).build()
                .toUriString();
    }
}
