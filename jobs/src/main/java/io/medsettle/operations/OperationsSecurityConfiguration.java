package io.medsettle.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Who may read the actuator's endpoints ({@code /actuator/health}, {@code /actuator/prometheus}): a
 * request from this machine (the agency's Prometheus or a script beside the server), or an
 * administrator logged in to the console. Anybody else gets 401 without a login and 403 with one;
 * never the data, and never the login page (a scraper cannot use it).
 *
 * <p>Its own filter chain, before the console's and after the API's, so that the console's pages keep
 * their form login, CSRF tokens and session handling unchanged. An administrator's console session
 * is read here, but no session is created for anyone: a scraper asks every fifteen seconds.
 *
 * <p>"From this machine" is the request's remote address. Behind a reverse proxy on the same machine
 * every request would come from 127.0.0.1: such a deployment sets {@code server.forward-headers-strategy}
 * so that the client's address is seen (docs/console.md, "Operations").
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OperationsSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().access(localOrAdmin()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    /** The loopback addresses, IPv4 and IPv6, or an administrator's login. */
    @SuppressWarnings("unchecked")
    private static AuthorizationManager<RequestAuthorizationContext> localOrAdmin() {
        return AuthorizationManagers.anyOf(IpAddressAuthorizationManager.hasIpAddress("127.0.0.0/8"),
                IpAddressAuthorizationManager.hasIpAddress("::1"), AuthorityAuthorizationManager.hasRole("ADMIN"));
    }
}
