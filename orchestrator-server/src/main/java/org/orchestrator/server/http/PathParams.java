package org.orchestrator.server.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Path parameters read from the raw request path. Javalin decodes them with
 * {@link URLDecoder}, which throws on a stray {@code %} and turns {@code +} into a space; but
 * in a path {@code +} is a plus, and Airflow run ids contain it
 * ({@code manual__2026-01-01T00:00:00+00:00}).
 */
public final class PathParams {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private PathParams() {
    }

    /**
     * Refuses a request whose path is not validly percent-encoded, before any route sees it.
     *
     * @param ctx the request
     */
    public static void checkEncoding(Context ctx) {
        String raw = ctx.req().getRequestURI();
        if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
            throw ApiProblem.badRequest("the request path is not validly percent-encoded: " + ApiProblem.quote(raw));
        }
        // NUL is no character of any id or filter, and PostgreSQL text cannot hold it.
        if (hasNul(raw) || hasNul(ctx.queryString())) {
            throw ApiProblem.badRequest("the request path and query must not contain NUL characters (%00)");
        }
    }

    private static boolean hasNul(String raw) {
        return raw != null && raw.contains("%00");
    }

    /**
     * @param ctx  a request matched to a route with {@code {name}} in its path
     * @param name the parameter
     * @return its decoded value, {@code +} kept as a plus
     */
    public static String get(Context ctx, String name) {
        String[] template = ctx.endpointHandlerPath().split("/");
        String[] raw = ctx.req().getRequestURI().split("/");
        String placeholder = "{" + name + "}";
        for (int i = 0; i < template.length && i < raw.length; i++) {
            if (template[i].equals(placeholder)) {
                return URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            }
        }
        return ctx.pathParam(name);
    }
}
