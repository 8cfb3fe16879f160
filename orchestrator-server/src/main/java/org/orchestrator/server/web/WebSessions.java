package org.orchestrator.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, in this process's memory: a restart logs everyone out, which for an
 * operator's console is an acceptable price for keeping session tokens out of the database.
 * A session ends {@link #IDLE} after its last request or {@link #MAX_AGE} after login.
 */
final class WebSessions {

    static final Duration IDLE = Duration.ofHours(8);
    static final Duration MAX_AGE = Duration.ofHours(24);
    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, WebSession> byTokenHash = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock time, for expiry */
    WebSessions(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts a session. The caller sets the returned token as the cookie; only its hash is kept.
     *
     * @param username who logged in
     * @return the new session's token
     */
    String open(String username) {
        Instant now = clock.instant();
        if (byTokenHash.size() >= MAX_SESSIONS) {
            evict(now);
        }
        String token = Tokens.random();
        byTokenHash.put(Tokens.hash(token), new WebSession(username, Tokens.random(), now, now));
        return token;
    }

    /** @param token a cookie value, or null @return its live session, marked as seen now */
    Optional<WebSession> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String key = Tokens.hash(token);
        Instant now = clock.instant();
        WebSession session = byTokenHash.computeIfPresent(key, (k, s) -> expired(s, now) ? null : s.seen(now));
        return Optional.ofNullable(session);
    }

    /** @param token a cookie value, or null: that session ends now */
    void close(String token) {
        if (token != null && !token.isEmpty()) {
            byTokenHash.remove(Tokens.hash(token));
        }
    }

    private static boolean expired(WebSession s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(MAX_AGE));
    }

    /** Drops expired sessions and, if that is not enough, the least recently used half. */
    private void evict(Instant now) {
        byTokenHash.values().removeIf(s -> expired(s, now));
        if (byTokenHash.size() >= MAX_SESSIONS) {
            byTokenHash.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().lastSeen()))
                    .limit(MAX_SESSIONS / 2).map(Map.Entry::getKey).toList().forEach(byTokenHash::remove);
        }
    }
}
