package org.orchestrator.server.web;

import java.time.Instant;

/**
 * A logged-in browser. The role is not kept here: it is read from the user row on every
 * request, so deleting a user or changing a role takes effect at once.
 *
 * @param username  who logged in
 * @param csrfToken the token every mutating request of this session must carry
 * @param created   when the user logged in (sessions end a fixed time after it)
 * @param lastSeen  the last request (sessions also end after a quiet spell)
 */
record WebSession(String username, String csrfToken, Instant created, Instant lastSeen) {

    /** @return this session, seen now */
    WebSession seen(Instant now) {
        return new WebSession(username, csrfToken, created, now);
    }
}
