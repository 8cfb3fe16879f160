package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.orchestrator.server.http.auth.AccessGuard;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;

/**
 * {@code GET /ui/session}: who is logged in, with which role, and the CSRF token the page must
 * send on every change. Pages read it once on load; the role decides which controls they show
 * (the API refuses the rest anyway).
 */
final class SessionRoutes {

    /**
     * @param username  the user
     * @param role      admin, op or viewer
     * @param csrfToken the session's token; null for a script using HTTP Basic, which needs none
     */
    record SessionView(String username, String role, String csrfToken) {
    }

    void register(Javalin app) {
        app.get("/ui/session", this::session, Role.VIEWER);
    }

    private void session(Context ctx) {
        Principal user = AccessGuard.principal(ctx).orElseThrow(SessionExpiredException::new);
        String csrf = SessionGate.session(ctx).map(WebSession::csrfToken).orElse(null);
        ctx.header("Cache-Control", "no-store");
        ctx.json(new SessionView(user.username(), user.role().wireName(), csrf));
    }
}
