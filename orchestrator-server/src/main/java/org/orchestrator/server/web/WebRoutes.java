package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.auth.Authenticator;
import org.orchestrator.server.http.auth.LoginThrottle;
import org.orchestrator.server.internal.Json;

/**
 * The web dashboard: login and logout, the pages and their files (from the {@code orchestrator-ui}
 * jar), a few dashboard-only read endpoints, security headers on every answer, and the session
 * gate that lets pages call the REST API with their session and CSRF token.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(...);
 * app.beforeMatched(WebRoutes.register(app, orchestrator, apiGuard::check, throttle));
 * }</pre>
 */
public final class WebRoutes {

    /** The problem type the API uses for a 401, so clients switching on it see one kind of answer. */
    private static final String UNAUTHENTICATED =
            "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/Unauthenticated";

    private WebRoutes() {
    }

    /**
     * Registers the dashboard's routes on an app that has not started yet.
     *
     * @param app          the web server
     * @param orchestrator the engine
     * @param apiGuard     the REST API's authentication check, for requests without a session
     * @param throttle     the failed-login counter the API's Basic authentication shares
     * @return the check to run before every matched route, in place of {@code apiGuard}
     */
    public static Handler register(Javalin app, Orchestrator orchestrator, Handler apiGuard, LoginThrottle throttle) {
        WebSessions sessions = new WebSessions(orchestrator.clock());
        SessionUsers users = new SessionUsers(orchestrator.reads());
        PageRoutes pages = new PageRoutes(new Assets(WebRoutes.class.getClassLoader()), users);
        app.before(SecurityHeaders::apply);
        SessionCookie cookie = new SessionCookie(orchestrator.config().trustProxy());
        app.exception(SessionExpiredException.class, (e, ctx) -> sessionExpired(e, ctx, cookie));
        pages.register(app);
        new LoginRoutes(new Authenticator(orchestrator.reads(), orchestrator.clock()), throttle, sessions, pages, cookie).register(app);
        new SessionRoutes().register(app);
        new RecentRunRoutes(orchestrator.reads()).register(app);
        new ClusterRoutes(orchestrator).register(app);
        new GridRoutes(orchestrator).register(app);
        new TryRoutes(orchestrator).register(app);
        return new SessionGate(apiGuard, sessions, users);
    }

    private static void sessionExpired(SessionExpiredException e, Context ctx, SessionCookie cookie) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", UNAUTHENTICATED);
        problem.put("title", "Unauthorized");
        problem.put("status", 401);
        problem.put("detail", e.getMessage());
        problem.put("instance", ctx.path());
        cookie.clear(ctx);
        ctx.status(401).contentType("application/problem+json").result(Json.write(problem));
    }
}
