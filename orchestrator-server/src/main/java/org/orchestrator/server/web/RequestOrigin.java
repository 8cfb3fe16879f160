package org.orchestrator.server.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a state-changing browser request came from one of our own pages. Browsers send
 * {@code Sec-Fetch-Site} and {@code Origin} on such requests and scripts cannot forge them, so
 * this refuses a form on another site posting to us; the CSRF token is the main defence, this is
 * the second (and the only one for the login form, which has no session yet).
 */
final class RequestOrigin {

    private RequestOrigin() {
    }

    /** @return true unless the browser says the request came from another site */
    static boolean isSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        return origin == null || origin.equals("null") ? origin == null : sameHost(origin, ctx.host());
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && host != null
                    && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
