package org.orchestrator.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.json.JavalinJackson;
import org.orchestrator.server.internal.Json;

/**
 * The API's JSON: response records are written with snake_case names (Airflow's), instants as
 * ISO-8601 UTC ({@code 2026-01-01T02:00:00Z}), nulls kept (Airflow sends {@code "state": null}).
 * Map keys, such as a run's conf, are written as they are.
 */
final class ApiJson {

    /** Shared, thread-safe. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ApiJson() {
    }

    /** @return the mapper for Javalin's {@code ctx.json(…)} */
    static JavalinJackson javalin() {
        return new JavalinJackson(MAPPER, true);
    }
}
