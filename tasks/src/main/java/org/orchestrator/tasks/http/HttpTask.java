package org.orchestrator.tasks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Http;
import org.orchestrator.tasks.internal.TemplateFields;

/**
 * Sends one HTTP request, like Airflow's {@code HttpOperator}. An answer with an unexpected status
 * (by default anything outside 2xx) fails the try, naming the status and the start of the body.
 * The status is pushed to XCom under {@code status}; optionally the body, or one value picked by a
 * {@link JsonPath}, goes under {@code return_value}. With a connection (type {@code http}), the
 * target is a path under its base URL, and its login/password (basic) or {@code token} extra
 * (bearer) authorizes the request.
 *
 * <pre>{@code
 * .task("create_report", HttpTask.on("reports_api").post("/v1/reports")
 *         .jsonBody(Map.of("day", "2026-03-02"))
 *         .expectStatus(201)
 *         .returnJson("$.report.id")
 *         .build())
 * .task("ping", HttpTask.get("https://example.org/health").build())
 * }</pre>
 */
public final class HttpTask implements Task {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_BODY_MAX = 500;

    private final String connId;
    private final String method;
    private final Function<TaskContext, String> target;
    private final Map<String, String> headers;
    private final Function<TaskContext, String> body;
    private final Set<Integer> expected;
    private final boolean returnBody;
    private final JsonPath returnJson;
    private final Duration timeout;
    private final Map<String, String> templates;

    private HttpTask(Builder b) {
        connId = b.connId;
        method = b.method;
        target = b.target;
        headers = Map.copyOf(b.headers);
        body = b.body;
        expected = Set.copyOf(b.expected);
        returnBody = b.returnBody;
        returnJson = b.returnJson;
        timeout = b.timeout;
        templates = TemplateFields.of().add("endpoint", b.targetTemplate).addAll("headers", headers)
                .add("body", b.bodyTemplate).build();
    }

    /** The endpoint, the header values and a body given as text are Jinja templates. */
    @Override
    public Map<String, String> templateFields() {
        return templates;
    }

    /**
     * {@return a GET request builder}
     *
     * @param url an absolute URL
     */
    public static Builder get(String url) {
        return new Builder(null).method("GET", url);
    }

    /**
     * {@return a chooser of method and path}
     *
     * @param connId a connection of type {@code http}: base URL and auth
     */
    public static Target on(String connId) {
        return new Target(new Builder(Objects.requireNonNull(connId, "connId")));
    }

    /**
     * {@return a request builder}
     *
     * @param method any HTTP method
     * @param url an absolute URL
     */
    public static Builder request(String method, String url) {
        return new Builder(null).method(method, url);
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        String where = target.apply(ctx);
        HttpRequest.Builder request = Http.request(ctx, connId, where).timeout(timeout);
        headers.forEach((name, value) -> request.header(name, ctx.render("headers." + name, value)));
        String payload = body == null ? null : body.apply(ctx);
        request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        HttpRequest built = request.build();
        ctx.log().info("{} {}", method, built.uri());
        HttpResponse<String> response = Http.CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        ctx.log().info("{} {} answered {} ({} chars)", method, built.uri(), response.statusCode(), response.body().length());
        if (!isExpected(response.statusCode())) {
            throw new OrchestratorException(method + " " + built.uri() + " answered " + response.statusCode() + ", expected "
                    + (expected.isEmpty() ? "2xx" : new TreeSet<>(expected)) + ": " + start(response.body()));
        }
        ctx.xcomPush("status", response.statusCode());
        if (returnJson != null) {
            ctx.xcomPush(returnJson.read(response.body()).orElse(null));
        } else if (returnBody) {
            ctx.xcomPush(response.body());
        }
    }

    private boolean isExpected(int status) {
        return expected.isEmpty() ? status / 100 == 2 : expected.contains(status);
    }

    private static String start(String body) {
        return body.length() <= ERROR_BODY_MAX ? body : body.substring(0, ERROR_BODY_MAX) + "…";
    }

    @Override
    public String toString() {
        return "HttpTask[" + method + (connId == null ? "" : " via " + connId) + "]";
    }

    /** Picks the method and the path under a connection's base URL. */
    public static final class Target {
        private final Builder builder;

        private Target(Builder builder) {
            this.builder = builder;
        }

        /**
         * {@return the request builder}
         *
         * @param path under the base URL
         */
        public Builder get(String path) {
            return builder.method("GET", path);
        }

        /**
         * {@return the request builder}
         *
         * @param path under the base URL
         */
        public Builder post(String path) {
            return builder.method("POST", path);
        }

        /**
         * {@return the request builder}
         *
         * @param path under the base URL
         */
        public Builder put(String path) {
            return builder.method("PUT", path);
        }

        /**
         * {@return the request builder}
         *
         * @param path under the base URL
         */
        public Builder delete(String path) {
            return builder.method("DELETE", path);
        }

        /**
         * {@return the request builder}
         *
         * @param method any HTTP method
         * @param path under the base URL
         */
        public Builder request(String method, String path) {
            return builder.method(method, path);
        }
    }

    /** Configures an {@link HttpTask}. */
    public static final class Builder {
        private final String connId;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<Integer> expected = new TreeSet<>();
        private String method;
        private Function<TaskContext, String> target;
        private String targetTemplate;
        private String bodyTemplate;
        private Function<TaskContext, String> body;
        private boolean returnBody;
        private JsonPath returnJson;
        private Duration timeout = Duration.ofMinutes(1);

        private Builder(String connId) {
            this.connId = connId;
        }

        private Builder method(String method, String target) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.targetTemplate = Objects.requireNonNull(target, "target");
            this.target = ctx -> ctx.render("endpoint", target);
            return this;
        }

        /**
         * Chooses the URL or path for the try, e.g. from its logical date.
         *
         * @param target chooses the URL or path for the try, e.g. from its logical date
         * @return this
         */
        public Builder target(Function<TaskContext, String> target) {
            this.target = Objects.requireNonNull(target, "target");
            this.targetTemplate = null;
            return this;
        }

        /**
         * Adds a request header.
         *
         * @param name a header
         * @param value its value
         * @return this
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The request body.
         *
         * @param text the request body
         * @return this
         */
        public Builder body(String text) {
            Objects.requireNonNull(text, "text");
            body(ctx -> ctx.render("body", text));
            bodyTemplate = text;
            return this;
        }

        /**
         * Makes the request body for the try.
         *
         * @param text makes the request body for the try
         * @return this
         */
        public Builder body(Function<TaskContext, String> text) {
            body = Objects.requireNonNull(text, "text");
            bodyTemplate = null;
            return this;
        }

        /**
         * Serialised as JSON; sets {@code Content-Type: application/json} unless set.
         *
         * @param value serialised as JSON; sets {@code Content-Type: application/json} unless set
         * @return this
         */
        public Builder jsonBody(Object value) {
            try {
                String json = JSON.writeValueAsString(value);
                headers.putIfAbsent("Content-Type", "application/json");
                return body(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write the body as JSON: " + e.getOriginalMessage(), e);
            }
        }

        /**
         * The statuses that succeed (default: any 2xx).
         *
         * @param statuses the statuses that succeed (default: any 2xx)
         * @return this
         */
        public Builder expectStatus(int... statuses) {
            for (int status : statuses) {
                expected.add(status);
            }
            return this;
        }

        /**

         * Pushes the response body, as text, to XCom.

         *

         * @return this builder

         */
        public Builder returnBody() {
            returnBody = true;
            return this;
        }

        /**
         * Picks the value pushed to XCom from the JSON response, e.g. {@code $.data[0].id}.
         *
         * @param path picks the value pushed to XCom from the JSON response, e.g. {@code $.data[0].id}
         * @return this
         */
        public Builder returnJson(String path) {
            returnJson = JsonPath.of(path);
            return this;
        }

        /**
         * How long to wait for the answer (default 1 minute).
         *
         * @param timeout how long to wait for the answer (default 1 minute)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** {@return the task} */
        public HttpTask build() {
            return new HttpTask(this);
        }
    }
}
