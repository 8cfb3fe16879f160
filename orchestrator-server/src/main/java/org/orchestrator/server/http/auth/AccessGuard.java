package org.orchestrator.server.http.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.orchestrator.server.http.ApiProblem;

/**
 * Runs before every matched route: authenticates the request and checks the route's role with
 * {@link RouteAccess} (a route that declares no role needs {@link Role#ADMIN}, so a forgotten
 * declaration fails closed).
 */
public final class AccessGuard {

    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    /** @param authenticator checks credentials @param throttle slows password guessing over Basic */
    public AccessGuard(Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    /** @param ctx the request, before its handler runs */
    public void check(Context ctx) {
        Role required = RouteAccess.required(ctx);
        if (required == Role.PUBLIC) {
            return;
        }
        String header = ctx.header("Authorization");
        Principal principal = authenticate(ctx.ip(), header).orElseThrow(() -> ApiProblem.unauthenticated(
                header == null ? "this endpoint needs HTTP Basic authentication or a Bearer token"
                        : "the credentials are not valid"));
        RouteAccess.check(principal, required);
        RouteAccess.admit(ctx, principal);
    }

    /** Basic credentials pass the throttle first, and their outcome is counted; tokens are not guessable. */
    private Optional<Principal> authenticate(String client, String header) {
        Optional<BasicCredentials> basic = BasicCredentials.parse(header);
        if (basic.isEmpty()) {
            return authenticator.authenticate(header);
        }
        String user = basic.get().username();
        throttle.blockedFor(client, user).ifPresent(wait -> {
            throw ApiProblem.tooManyRequests("too many failed logins as " + ApiProblem.quote(user)
                    + " from this address; retry in " + wait.toSeconds() + " s", wait);
        });
        Optional<Principal> principal = authenticator.authenticate(header);
        if (principal.isPresent()) {
            throttle.succeeded(client, user);
        } else {
            throttle.failed(client, user);
        }
        return principal;
    }

    /** @param ctx a request that passed the guard @return its user; empty on public routes */
    public static Optional<Principal> principal(Context ctx) {
        return RouteAccess.principal(ctx);
    }
}
