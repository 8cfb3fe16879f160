package org.orchestrator.server.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: a client address that failed to log in as one user
 * {@value #PER_USER} times within the window is refused for that user (even with the right
 * password, or guessing would go on) until the oldest failure leaves the window. Other clients,
 * and the same client for other users, are not affected, so an attacker cannot lock a real user
 * out from elsewhere. A success clears the client's failures for that user. Shared by the API's
 * Basic authentication and the login form.
 *
 * <pre>{@code
 * throttle.blockedFor(ip, user).ifPresent(wait -> { throw ApiProblem.tooManyRequests(..., wait); });
 * if (failed) throttle.failed(ip, user); else throttle.succeeded(ip, user);
 * }</pre>
 */
public final class LoginThrottle {

    /** Failures of one client for one user within the window before it is refused. */
    static final int PER_USER = 5;
    /** Keys kept at most; a spray of more distinct users than this starts the count afresh (bounded memory). */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** @param clock time @param window how long a failure counts */
    public LoginThrottle(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** @return a throttle counting failures for one minute */
    public static LoginThrottle perMinute(Clock clock) {
        return new LoginThrottle(clock, Duration.ofMinutes(1));
    }

    /** @param client the client's address @param user the user name tried @return how long to wait, when refused */
    public Optional<Duration> blockedFor(String client, String user) {
        return wait(key(client, user), PER_USER, clock.instant());
    }

    /** Counts a failed login. */
    public void failed(String client, String user) {
        if (failures.size() >= MAX_KEYS) {
            failures.clear();
        }
        add(key(client, user), clock.instant());
    }

    /** Forgets the client's failures for that user (its failures for others still count). */
    public void succeeded(String client, String user) {
        failures.remove(key(client, user));
    }

    private void add(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            prune(kept, now);
            kept.addLast(now);
            return kept;
        });
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Instant[] until = new Instant[1];
        failures.computeIfPresent(key, (k, times) -> {
            prune(times, now);
            if (times.size() >= limit) {
                until[0] = times.peekFirst().plus(window);
            }
            return times.isEmpty() ? null : times;
        });
        return Optional.ofNullable(until[0]).map(u -> Duration.between(now, u));
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private static String key(String client, String user) {
        return client + "\u0000" + user.toLowerCase(Locale.ROOT);
    }
}
