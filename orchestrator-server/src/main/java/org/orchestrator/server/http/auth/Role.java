package org.orchestrator.server.http.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do. Each role includes the ones before it: a viewer reads; an op also
 * triggers, clears, marks and pauses; an admin also manages users, connections, variables and
 * pools. Routes declare the least role they need; {@link #PUBLIC} routes need no login at all.
 *
 * <pre>{@code
 * app.post("/api/v1/dags/{dag_id}/dagRuns", handler, Role.OP);
 * }</pre>
 */
public enum Role implements RouteRole {
    /** No authentication (only {@code /health}). */
    PUBLIC,
    /** Reads everything. */
    VIEWER,
    /** Also triggers, clears, marks and pauses. */
    OP,
    /** Also manages users and server settings. */
    ADMIN;

    /** @return the stored spelling, e.g. {@code op} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param required the least role a route needs
     * @return true when this role may use it
     */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /**
     * @param name a stored role name
     * @return the role a user may hold ({@code admin}, {@code op} or {@code viewer})
     */
    public static Optional<Role> ofUser(String name) {
        for (Role role : values()) {
            if (role != PUBLIC && role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
