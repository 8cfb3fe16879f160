package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.Optional;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Authenticator;
import org.orchestrator.server.http.auth.LoginThrottle;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;

/**
 * {@code GET /login} (the form), {@code POST /login} (checks the password, starts a session,
 * sets the cookie) and {@code POST /logout}. The form works without scripts: it posts, and the
 * answer is a redirect either to where the user was going or back to the form with an error flag.
 */
final class LoginRoutes {

    /** Longer input is refused before it reaches the (deliberately slow) password hash. */
    private static final int MAX_FIELD = 1024;

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final WebSessions sessions;
    private final PageRoutes pages;
    private final SessionCookie cookie;

    LoginRoutes(Authenticator authenticator, LoginThrottle throttle, WebSessions sessions, PageRoutes pages, SessionCookie cookie) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.sessions = sessions;
        this.pages = pages;
        this.cookie = cookie;
    }

    void register(Javalin app) {
        app.get("/login", this::form, Role.PUBLIC);
        app.post("/login", this::login, Role.PUBLIC);
        // VIEWER: the session gate then insists on the session's CSRF token, so no other site can log a user out.
        app.post("/logout", this::logout, Role.VIEWER);
    }

    private void form(Context ctx) {
        if (SessionGate.session(ctx).isPresent()) {
            ctx.redirect(SafeRedirect.target(ctx.queryParam("next")));
            return;
        }
        pages.serve(ctx, "pages/login.html", "no-store");
    }

    private void login(Context ctx) {
        if (!RequestOrigin.isSameOrigin(ctx)) {
            throw ApiProblem.forbidden("the login form was posted from another site");
        }
        String next = SafeRedirect.target(ctx.formParam("next"));
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username");
        Optional<Duration> wait = throttle.blockedFor(ctx.ip(), username);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            ctx.redirect("/login?error=throttled&retry=" + seconds + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Principal> user = authenticate(username, ctx.formParam("password"));
        if (user.isEmpty()) {
            throttle.failed(ctx.ip(), username);
            ctx.redirect("/login?error=invalid&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            return;
        }
        throttle.succeeded(ctx.ip(), username);
        // A new token on every login: a cookie planted before login never becomes a live session.
        sessions.close(SessionCookie.read(ctx));
        cookie.write(ctx, sessions.open(user.get().username()));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /**
     * Checks the password with the API's own authenticator (same Argon2id hashes, same
     * unknown-user timing, same verification cache), handing it the credentials in the form it reads.
     */
    private Optional<Principal> authenticate(String username, String password) {
        if (username == null || password == null || username.isEmpty() || username.contains(":")
                || username.length() > MAX_FIELD || password.length() > MAX_FIELD) {
            return Optional.empty();
        }
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return authenticator.authenticate("Basic " + basic);
    }

    private void logout(Context ctx) {
        sessions.close(SessionCookie.read(ctx));
        cookie.clear(ctx);
        ctx.status(204);
    }
}
