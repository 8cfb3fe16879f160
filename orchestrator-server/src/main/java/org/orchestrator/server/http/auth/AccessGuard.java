package org.orchestrator.server.http.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Optional;
import org.orchestrator.server.http.ApiProblem;

/**
 * Runs before every matched route: authenticates the request and checks the route's role. A
 * route that declares no role needs {@link Role#ADMIN}, so a forgotten declaration fails closed.
 */
public final class AccessGuard {

    private static final String PRINCIPAL = "orchestrator.principal";

    private final Authenticator authenticator;

    /** @param authenticator checks credentials */
    public AccessGuard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** @param ctx the request, before its handler runs */
    public void check(Context ctx) {
        Role required = required(ctx);
        if (required == Role.PUBLIC) {
            return;
        }
        String header = ctx.header("Authorization");
        Principal principal = authenticator.authenticate(header).orElseThrow(() -> ApiProblem.unauthenticated(
                header == null ? "this endpoint needs HTTP Basic authentication or a Bearer token"
                        : "the credentials are not valid"));
        if (!principal.role().includes(required)) {
            throw ApiProblem.forbidden("user '" + principal.username() + "' has role " + principal.role().wireName()
                    + "; this needs role " + required.wireName() + " or higher");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** @param ctx a request that passed the guard @return its user; empty on public routes */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private static Role required(Context ctx) {
        Role least = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Role r && (least == null || r.compareTo(least) < 0)) {
                least = r;
            }
        }
        return least == null ? Role.ADMIN : least;
    }
}
