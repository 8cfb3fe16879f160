package org.orchestrator.server.http.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Optional;
import org.orchestrator.server.http.ApiProblem;

/**
 * The one role check of every route, shared by the REST API's {@link AccessGuard} and the
 * dashboard's session gate so the two can never judge a request differently: the least role the
 * route declares (none declared means {@link Role#ADMIN}, failing closed), checked against the
 * user's role, and the admitted user kept on the request for the handlers and the audit log.
 */
public final class RouteAccess {

    private static final String PRINCIPAL = "orchestrator.principal";

    private RouteAccess() {
    }

    /** @param ctx a matched request @return the least role its route declares; admin when it declares none */
    public static Role required(Context ctx) {
        Role least = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Role r && (least == null || r.compareTo(least) < 0)) {
                least = r;
            }
        }
        return least == null ? Role.ADMIN : least;
    }

    /**
     * @param principal the authenticated user
     * @param required  the route's role
     * @throws ApiProblem 403 when the user's role does not include it
     */
    public static void check(Principal principal, Role required) {
        if (!principal.role().includes(required)) {
            throw ApiProblem.forbidden("user '" + principal.username() + "' has role " + principal.role().wireName()
                    + "; this needs role " + required.wireName() + " or higher");
        }
    }

    /** @param ctx a request that passed every check @param principal its user, from now on {@link #principal} */
    public static void admit(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL, principal);
    }

    /** @param ctx a request @return the user it was admitted as; empty on public routes */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }
}
