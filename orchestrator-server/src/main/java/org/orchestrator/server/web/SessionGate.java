package org.orchestrator.server.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.auth.RouteAccess;

/**
 * Runs before every matched route, in front of the REST API's own guard. A request that carries
 * the session cookie and no {@code Authorization} header is the dashboard calling: it is
 * authenticated by its session, held to the route's role by the API guard's own check
 * ({@link RouteAccess}), and,
 * when it changes anything, must carry the session's CSRF token in {@value #CSRF_HEADER}. Every
 * other request (scripts with HTTP Basic) goes to the API guard unchanged.
 */
final class SessionGate implements Handler {

    /** The header mutating dashboard requests carry the CSRF token in. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    /** The request attribute holding the live {@link WebSession}, for the page routes. */
    static final String SESSION_ATTRIBUTE = "orchestrator.web.session";

    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Handler apiGuard;
    private final WebSessions sessions;
    private final SessionUsers users;

    SessionGate(Handler apiGuard, WebSessions sessions, SessionUsers users) {
        this.apiGuard = apiGuard;
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        String token = SessionCookie.read(ctx);
        if (token == null || ctx.header("Authorization") != null) {
            apiGuard.handle(ctx);
            return;
        }
        Optional<WebSession> session = sessions.find(token);
        session.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
        Role required = RouteAccess.required(ctx);
        if (required == Role.PUBLIC) {
            return;
        }
        WebSession live = session.orElseThrow(SessionExpiredException::new);
        Principal principal = users.principal(live).orElseThrow(SessionExpiredException::new);
        RouteAccess.check(principal, required);
        if (!SAFE.contains(ctx.method())) {
            checkCsrf(ctx, live);
        }
        RouteAccess.admit(ctx, principal);
    }

    /** @return the live session of a request that passed this gate, if it came with one */
    static Optional<WebSession> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    private static void checkCsrf(Context ctx, WebSession session) {
        if (!Tokens.same(session.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw ApiProblem.forbidden("this request changes state and needs the session's CSRF token in the "
                    + CSRF_HEADER + " header");
        }
        if (!RequestOrigin.isSameOrigin(ctx)) {
            throw ApiProblem.forbidden("this request came from another site");
        }
    }
}
