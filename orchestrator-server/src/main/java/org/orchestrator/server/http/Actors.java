package org.orchestrator.server.http;

import io.javalin.http.Context;
import org.orchestrator.server.http.auth.AccessGuard;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.ops.Actor;

/** Who a request acts as, for the operations' audit rows: its user, and whether by password, token or session. */
public final class Actors {

    private Actors() {
    }

    /** @param ctx a request that passed the guard @return its actor */
    public static Actor of(Context ctx) {
        String user = AccessGuard.principal(ctx).map(Principal::username).orElse(null);
        String header = ctx.header("Authorization");
        Actor.Via via = header == null ? Actor.Via.SESSION
                : header.regionMatches(true, 0, "Bearer ", 0, 7) ? Actor.Via.TOKEN : Actor.Via.API;
        return Actor.user(user, via, ctx.ip());
    }
}
