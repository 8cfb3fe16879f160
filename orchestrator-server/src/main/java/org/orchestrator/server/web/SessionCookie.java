package org.orchestrator.server.web;

import io.javalin.http.Context;

/**
 * The session cookie: {@code HttpOnly} (scripts never see it), {@code SameSite=Strict} (no other
 * site's page can make the browser send it), {@code Secure} when the request came over HTTPS, and
 * no {@code Max-Age}, so it ends with the browser as well as on the server.
 */
final class SessionCookie {

    static final String NAME = "orchestrator_session";

    private SessionCookie() {
    }

    /** @return the token the browser sent, or null */
    static String read(Context ctx) {
        return ctx.cookie(NAME);
    }

    /** Sends the token for this session. */
    static void write(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + token + attributes(ctx));
    }

    /** Tells the browser to forget the cookie. */
    static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
    }

    private static String attributes(Context ctx) {
        return "; Path=/; HttpOnly; SameSite=Strict" + ("https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "");
    }
}
