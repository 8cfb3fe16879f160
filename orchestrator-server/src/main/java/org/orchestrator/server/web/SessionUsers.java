package org.orchestrator.server.web;

import java.util.Optional;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Reads;

/** The user behind a session, read afresh on each request so a deleted user or a changed role counts at once. */
final class SessionUsers {

    private final Reads reads;

    SessionUsers(Reads reads) {
        this.reads = reads;
    }

    /** @return the user with its current role; empty if deleted or holding an unknown role */
    Optional<Principal> principal(WebSession session) {
        return reads.user(session.username())
                .flatMap(row -> Role.ofUser(row.role()).map(role -> new Principal(row.username(), role)));
    }
}
