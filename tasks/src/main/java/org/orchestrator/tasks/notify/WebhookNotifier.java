package org.orchestrator.tasks.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.tasks.internal.Http;

/**
 * Posts an alert to a Slack-compatible incoming webhook as {@code {"text": "..."}}, as a task
 * callback or a DAG-run callback. The connection (type {@code webhook} or {@code http}) holds the
 * webhook's URL, and optionally basic or bearer ({@code token} extra) auth. The text names the DAG,
 * task, run, try, state, error and links to the log. A non-2xx answer makes the callback fail
 * (the server logs it).
 *
 * <pre>{@code
 * WebhookNotifier slack = WebhookNotifier.via("slack_alerts").build();
 * Dag.builder("loans_etl").onFailure(slack)
 *         .task("load", new Load(), t -> t.onFailure(slack))
 * }</pre>
 */
public final class WebhookNotifier implements TaskCallback, DagRunCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String connId;
    private final String prefix;
    private final String message;

    private WebhookNotifier(String connId, String prefix, String message) {
        this.connId = connId;
        this.prefix = prefix;
        this.message = message;
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code webhook} or {@code http} whose url is the webhook
     */
    public static Builder via(String connId) {
        return new Builder(Objects.requireNonNull(connId, "connId"));
    }

    @Override
    public void call(TaskEvent event) throws IOException, InterruptedException {
        post(event.resources(), text(Message.of(prefix, event), event.resources(), MessageNames.of(event)));
    }

    @Override
    public void call(DagRunEvent event) throws IOException, InterruptedException {
        post(event.resources(), text(Message.of(prefix, event), event.resources(), MessageNames.of(event)));
    }

    /** The standard message, or the author's template rendered after the prefix. */
    private String text(Message standard, Resources resources, Map<String, Object> names) {
        return message == null ? standard.text() : Message.separated(prefix) + resources.render("message", message, names);
    }

    private void post(Resources resources, String text) throws IOException, InterruptedException {
        HttpRequest request = Http.request(resources, connId, "")
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(text)))
                .build();
        HttpResponse<String> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new OrchestratorException("webhook '" + connId + "' answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of one string always serialises", e);
        }
    }

    /** Configures a {@link WebhookNotifier}. */
    public static final class Builder {
        private final String connId;
        private String prefix = "[Orchestrator] ";
        private String message;

        private Builder(String connId) {
            this.connId = connId;
        }

        /**
         * Starts every message (default {@code "[Orchestrator] "}).
         *
         * @param prefix starts every message (default {@code "[Orchestrator] "})
         * @return this
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * The message as a Jinja template instead of the standard one (the prefix still starts
         * it), e.g. {@code "{{ ti.task_id }} failed for {{ ds }}: {{ exception }}"}; the names are
         * those of {@link EmailNotifier.Builder#subject}.
         *
         * @param template the message's template
         * @return this
         */
        public Builder message(String template) {
            this.message = Objects.requireNonNull(template, "template");
            return this;
        }

        /** {@return the notifier} */
        public WebhookNotifier build() {
            return new WebhookNotifier(connId, prefix, message);
        }
    }
}
