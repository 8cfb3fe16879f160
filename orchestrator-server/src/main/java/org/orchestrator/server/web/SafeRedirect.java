package org.orchestrator.server.web;

import java.util.regex.Pattern;

/**
 * Where to send the browser after login: only a path on this server, so a crafted
 * {@code /login?next=https://evil.example} link cannot bounce a fresh session off to another site.
 */
final class SafeRedirect {

    static final String HOME = "/dags";

    /** A path and query, no scheme, no host ({@code //host}), no backslashes browsers treat as slashes. */
    private static final Pattern LOCAL = Pattern.compile("/(?![/\\\\])[^\\\\\\s]{0,2000}");

    private SafeRedirect() {
    }

    /** @param next the requested target, or null @return it when it stays on this server, else {@value #HOME} */
    static String target(String next) {
        return next != null && LOCAL.matcher(next).matches() && !next.startsWith("/login") ? next : HOME;
    }
}
