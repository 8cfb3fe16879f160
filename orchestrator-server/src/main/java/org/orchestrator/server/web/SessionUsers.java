package org.orchestrator.server.web;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Users;

/** The user behind a session, read afresh on each request so a deleted user or a changed role counts at once. */
final class SessionUsers {

    private final Jdbi jdbi;
    private final Users users = new Users();

    SessionUsers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the user with its current role; empty if deleted or holding an unknown role */
    Optional<Principal> principal(WebSession session) {
        return jdbi.withHandle(h -> users.find(h, session.username()))
                .flatMap(row -> Role.ofUser(row.role()).map(role -> new Principal(row.username(), role)));
    }
}
