package io.medsettle.console;

import io.medsettle.users.Audit;
import io.medsettle.users.ConsoleUsers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may open what. Pages by role; a user who still has a first password may do nothing but change
 * it; repeated failed logins lock the name for a while ({@link LoginThrottle}); every login, good or
 * bad, is audited. CSRF tokens on every form, a new session at login (session fixation), and a
 * strict content security policy: scripts and styles from this server only.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

    /** The authority of a user who logged in with a first password. */
    static final String FIRST_PASSWORD = "FIRST_PASSWORD";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/error").permitAll()
                        .requestMatchers("/hospital/**").hasRole("HOSPITAL")
                        .requestMatchers("/finance/**").hasAnyRole("FINANCE", "ACCOUNTANT")
                        .requestMatchers("/accountant/**").hasRole("ACCOUNTANT")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .addFilterAfter(new FirstPasswordFilter(), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    UserDetailsService consoleUserDetails(ConsoleUsers users, LoginThrottle throttle) {
        return name -> {
            ConsoleUsers.User user = users.find(name).orElseThrow(() -> new UsernameNotFoundException("no user " + name));
            List<SimpleGrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
            if (user.mustChangePassword()) {
                authorities.add(new SimpleGrantedAuthority(FIRST_PASSWORD));
            }
            return User.withUsername(user.name()).password(users.passwordHash(name).orElseThrow())
                    .authorities(authorities).disabled(!user.enabled()).accountLocked(throttle.isLocked(name)).build();
        };
    }

    @Bean
    LoginAudit loginAudit(Audit audit, LoginThrottle throttle) {
        return new LoginAudit(audit, throttle);
    }

    /** Audits logins and counts failures for the throttle. */
    static final class LoginAudit {
        private final Audit audit;
        private final LoginThrottle throttle;

        LoginAudit(Audit audit, LoginThrottle throttle) {
            this.audit = audit;
            this.throttle = throttle;
        }

        @EventListener
        void success(AuthenticationSuccessEvent event) {
            throttle.succeeded(event.getAuthentication().getName());
            audit.record(event.getAuthentication().getName(), address(event.getAuthentication()), "login", null);
        }

        @EventListener
        void failure(AbstractAuthenticationFailureEvent event) {
            String name = event.getAuthentication().getName();
            throttle.failed(name);
            audit.record(name, address(event.getAuthentication()), "login-failed", event.getException().getClass().getSimpleName());
        }

        private static String address(Authentication authentication) {
            return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        }
    }

    /** A user with a first password is sent to the password page from anywhere else. */
    static final class FirstPasswordFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean first = auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(FIRST_PASSWORD));
            if (first && !path.equals("/password") && !path.equals("/logout") && !path.startsWith("/webjars/")
                    && !path.startsWith("/css/")) {
                response.sendRedirect(request.getContextPath() + "/password");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
