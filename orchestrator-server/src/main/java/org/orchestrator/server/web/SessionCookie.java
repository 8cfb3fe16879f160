package org.orchestrator.server.web;

import io.javalin.http.Context;

/**
 * The session cookie: {@code HttpOnly} (scripts never see it), {@code SameSite=Strict} (no other
 * site's page can make the browser send it), {@code Secure} when the request came over HTTPS, and
 * no {@code Max-Age}, so it ends with the browser as well as on the server.
 *
 * <p>Behind a TLS-terminating reverse proxy the request reaches us as plain HTTP; the proxy's
 * {@code X-Forwarded-Proto: https} counts only when the operator said the proxy is trusted
 * ({@code ORCHESTRATOR_TRUST_PROXY}), since any client can send the header.
 */
final class SessionCookie {

    static final String NAME = "orchestrator_session";

    private final boolean trustProxy;

    /** @param trustProxy whether {@code X-Forwarded-Proto} is believed */
    SessionCookie(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    /** @return the token the browser sent, or null */
    static String read(Context ctx) {
        return ctx.cookie(NAME);
    }

    /** Sends the token for this session. */
    void write(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + token + attributes(ctx));
    }

    /** Tells the browser to forget the cookie. */
    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
    }

    private String attributes(Context ctx) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (overHttps(ctx) ? "; Secure" : "");
    }

    private boolean overHttps(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        String forwarded = trustProxy ? ctx.header("X-Forwarded-Proto") : null;
        // A chain of proxies lists the client's scheme first.
        return forwarded != null && "https".equalsIgnoreCase(forwarded.split(",", 2)[0].strip());
    }
}
