package io.medsettle.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Login throttling: after {@value #FAILURES} failed logins in a row, a user name is locked for
 * {@link #LOCK}, whatever the password then given. Held in the server's memory: a restart forgets
 * it, which is acceptable for a server bound to the agency's network.
 */
@Component
class LoginThrottle {

    static final int FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);

    private record State(int failures, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean isLocked(String name) {
        State state = states.get(name);
        return state != null && state.lockedUntil() != null && clock.instant().isBefore(state.lockedUntil());
    }

    void failed(String name) {
        states.compute(name, (k, s) -> {
            int failures = (s == null || (s.lockedUntil() != null && !clock.instant().isBefore(s.lockedUntil())) ? 0 : s.failures()) + 1;
            return new State(failures, failures >= FAILURES ? clock.instant().plus(LOCK) : null);
        });
    }

    void succeeded(String name) {
        states.remove(name);
    }
}
