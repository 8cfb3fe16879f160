package org.orchestrator.server.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.orchestrator.server.state.Page;

/**
 * A request's query parameters, read with the type each must have; a value of the wrong type is a
 * 400 naming the parameter. Unknown parameters are ignored, as Airflow does.
 */
public final class QueryParams implements Inputs {

    private final Context ctx;

    /**
     * @param ctx the request
     * @throws ApiProblem 400 when the query string is not validly percent-encoded (Javalin would
     *                    silently drop such a parameter, and with it a filter the client asked for)
     */
    public QueryParams(Context ctx) {
        this.ctx = ctx;
        String query = ctx.queryString();
        if (query != null) {
            try {
                URLDecoder.decode(query, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("the query string is not validly percent-encoded: " + e.getMessage());
            }
        }
    }

    /** @return {@code limit} (default 100, at most 1000) and {@code offset} (default 0) */
    public Page page() {
        return Page.of(integer("limit"), integer("offset"));
    }

    /** @param name a parameter @return its text, if given and not empty */
    @Override
    public Optional<String> string(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** @param name a parameter @return {@code true} or {@code false} (any case), if given */
    public Optional<Boolean> bool(String name) {
        return string(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("'" + name + "' must be true or false, got " + ApiProblem.quote(v));
        });
    }

    /** @param name a parameter @return its whole number, if given */
    public Optional<Integer> integer(String name) {
        return string(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("'" + name + "' must be a whole number, got " + ApiProblem.quote(v));
            }
        });
    }

    /** @param name a parameter @return its number, if given */
    @Override
    public Optional<Double> number(String name) {
        return string(name).map(v -> {
            try {
                double value = Double.parseDouble(v.trim());
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException(v);
                }
                return value;
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("'" + name + "' must be a number, got " + ApiProblem.quote(v));
            }
        });
    }

    /** @param name a parameter @return its ISO-8601 date-time, if given */
    @Override
    public Optional<Instant> instant(String name) {
        return string(name).map(v -> Dates.parse(name, v));
    }

    /**
     * A parameter that may be repeated ({@code state=failed&state=success}) or comma-separated.
     *
     * @param name a parameter
     * @return every non-empty value
     */
    @Override
    public List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (String raw : ctx.queryParams(name)) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }
}
