package org.orchestrator.tasks.sensor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.http.JsonPath;
import org.orchestrator.tasks.internal.Http;

/**
 * Waits until a GET answers as wanted: by default any 2xx status; or a condition on the response,
 * or on one value of its JSON. An unreachable server counts as not yet.
 *
 * <pre>{@code
 * .task("wait_for_export", HttpSensor.on("partner_api", "/exports/today/status")
 *         .json("$.state", "ready"::equals)
 *         .pokeInterval(Duration.ofMinutes(1)).timeout(Duration.ofHours(1)).build())
 * }</pre>
 */
public final class HttpSensor extends Sensor {

    private final String connId;
    private final String target;
    private final Predicate<HttpResponse<String>> condition;
    private final Duration requestTimeout;

    private HttpSensor(Builder b) {
        super(b);
        connId = b.connId;
        target = b.target;
        condition = b.condition;
        requestTimeout = b.requestTimeout;
    }

    /**
     * {@return a builder}
     *
     * @param url an absolute URL
     */
    public static Builder get(String url) {
        return new Builder(null, Objects.requireNonNull(url, "url"));
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code http}
     * @param path under its base URL
     */
    public static Builder on(String connId, String path) {
        return new Builder(Objects.requireNonNull(connId, "connId"), Objects.requireNonNull(path, "path"));
    }

    /** The endpoint is a Jinja template. */
    @Override
    public java.util.Map<String, String> templateFields() {
        return org.orchestrator.tasks.internal.TemplateFields.of().add("endpoint", target).build();
    }

    @Override
    protected boolean poke(TaskContext ctx) throws InterruptedException {
        try {
            HttpResponse<String> response = Http.CLIENT.send(
                    Http.request(ctx, connId, ctx.render("endpoint", target)).timeout(requestTimeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            return condition.test(response);
        } catch (IOException e) {
            ctx.log().info("{} not reachable yet: {}", target, e.toString());
            return false;
        }
    }

    @Override
    protected String describe(TaskContext ctx) {
        return "GET " + ctx.render("endpoint", target) + (connId == null ? "" : " on '" + connId + "'");
    }

    /** Configures an {@link HttpSensor}. */
    public static final class Builder extends Sensor.Builder<Builder> {
        private final String connId;
        private final String target;
        private Predicate<HttpResponse<String>> condition = r -> r.statusCode() / 100 == 2;
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder(String connId, String target) {
            this.connId = connId;
            this.target = target;
        }

        /**
         * The statuses that end the wait.
         *
         * @param statuses the statuses that end the wait
         * @return this
         */
        public Builder status(int... statuses) {
            condition = r -> java.util.Arrays.stream(statuses).anyMatch(s -> s == r.statusCode());
            return this;
        }

        /**
         * Ends the wait when it holds for a response.
         *
         * @param condition ends the wait when it holds for a response
         * @return this
         */
        public Builder condition(Predicate<HttpResponse<String>> condition) {
            this.condition = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * A {@link JsonPath} into a 2xx response's body, e.g. {@code $.state}.
         *
         * @param path a {@link JsonPath} into a 2xx response's body, e.g. {@code $.state}
         * @param test ends the wait when it holds for the value there (never called for a missing value)
         * @return this
         */
        public Builder json(String path, Predicate<Object> test) {
            JsonPath json = JsonPath.of(path);
            Objects.requireNonNull(test, "test");
            condition = r -> r.statusCode() / 100 == 2 && json.read(r.body()).filter(test).isPresent();
            return this;
        }

        /**
         * How long one request may take (default 30 s).
         *
         * @param timeout how long one request may take (default 30 s)
         * @return this
         */
        public Builder requestTimeout(Duration timeout) {
            requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** {@return the sensor} */
        public HttpSensor build() {
            return new HttpSensor(this);
        }
    }
}
