package org.orchestrator.tasks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.FailedTask;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.orchestrator.tasks.testing.LocalHttpServer;
import org.orchestrator.tasks.testing.TestTaskContext;

/** Against a real HTTP server on loopback standing in for Slack. */
class WebhookNotifierTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    @AutoClose
    private final LocalHttpServer server = LocalHttpServer.start();
    private final TestTaskContext resources = TestTaskContext.of("any", "any")
            .withConnection(new Connection("slack", "webhook", server.baseUrl() + "/services/T0/B0/x", "", "", Map.of()));

    @Test
    void a_retry_posts_slack_json_with_dag_task_run_try_state_error_and_log_link() throws Exception {
        server.respond("/services/T0/B0/x", 200, "ok");
        TaskEvent event = new TaskEvent("loans_etl", "manual__2026-03-02", "load", 2, TaskState.UP_FOR_RETRY, DAY,
                Optional.of("connection refused"), Optional.of("http://orch/log/2"), resources);

        WebhookNotifier.via("slack").build().call(event);

        LocalHttpServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        Map<String, Object> json = new ObjectMapper().readValue(request.body(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(json.keySet()).containsExactly("text");
        assertThat((String) json.get("text")).isEqualTo("""
                [Orchestrator] loans_etl.load up_for_retry (try 2)
                Task loans_etl.load up_for_retry.
                DAG: loans_etl
                Task: load
                Run: manual__2026-03-02
                Logical date: 2026-03-02T00:00:00Z
                Try: 2
                State: up_for_retry
                Error: connection refused
                Log: http://orch/log/2""");
    }

    @Test
    void a_templated_message_renders_the_events_names_after_the_prefix() throws Exception {
        server.respond("/services/T0/B0/x", 200, "ok");
        TaskEvent event = new TaskEvent("loans_etl", "manual__2026-03-02", "load", 2, TaskState.FAILED, DAY,
                Optional.of("connection refused"), Optional.of("http://orch/log/2"), resources);

        WebhookNotifier.via("slack").prefix(":red_circle:")
                .message("{{ dag.dag_id }}.{{ ti.task_id }} {{ state }} for {{ ds }} (yesterday {{ macros.ds_add(ds, -1) }}, "
                        + "try {{ ti.try_number }}): {{ exception }} <{{ ti.log_url }}>")
                .build().call(event);

        String text = (String) new ObjectMapper().readValue(server.requests().getFirst().body(), Map.class).get("text");
        assertThat(text).isEqualTo(":red_circle: loans_etl.load failed for 2026-03-02 (yesterday 2026-03-01, try 2): "
                + "connection refused <http://orch/log/2>");
    }

    @Test
    void a_templated_run_message_lists_the_failed_tasks() throws Exception {
        server.respond("/services/T0/B0/x", 200, "ok");
        DagRunEvent event = new DagRunEvent("clickstream", "r9", DAY, DagRunState.FAILED, Optional.of("http://orch/runs/r9"),
                resources, List.of(new FailedTask("load", 3, Optional.of("table missing"), Optional.empty())));

        WebhookNotifier.via("slack").prefix("")
                .message("{{ dag.dag_id }} {{ dag_run.run_id }} {{ state }}:{% for t in failed_tasks %} {{ t.task_id }} ({{ t.error }}){% endfor %}")
                .build().call(event);

        String text = (String) new ObjectMapper().readValue(server.requests().getFirst().body(), Map.class).get("text");
        assertThat(text).isEqualTo("clickstream r9 failed: load (table missing)");
    }

    @Test
    void a_failed_dag_run_posts_its_state_and_run_link() throws Exception {
        server.respond("/services/T0/B0/x", 200, "ok");
        DagRunEvent event = new DagRunEvent("loans_etl", "r9", DAY, DagRunState.FAILED, Optional.of("http://orch/runs/r9"), resources);

        WebhookNotifier.via("slack").prefix(":red_circle: ").build().call(event);

        String text = (String) new ObjectMapper().readValue(server.requests().getFirst().body(), Map.class).get("text");
        assertThat(text).startsWith(":red_circle: DAG run loans_etl r9 failed\n").contains("State: failed", "Run link: http://orch/runs/r9");
    }

    @Test
    void a_failed_dag_runs_message_names_each_failed_task_with_its_error_and_log_and_separates_the_prefix() throws Exception {
        server.respond("/services/T0/B0/x", 200, "ok");
        DagRunEvent event = new DagRunEvent("clickstream", "r9", DAY, DagRunState.FAILED, Optional.of("http://orch/runs/r9"),
                resources, List.of(new FailedTask("load", 3, Optional.of("java.sql.SQLException: table missing"),
                        Optional.of("http://orch/log/load/3")), new FailedTask("check", 1, Optional.empty(), Optional.empty())));

        WebhookNotifier.via("slack").prefix("[clickstream]").build().call(event);

        String text = (String) new ObjectMapper().readValue(server.requests().getFirst().body(), Map.class).get("text");
        assertThat(text).startsWith("[clickstream] DAG run clickstream r9 failed: load, check\n").endsWith("""
                Failed tasks:
                - load (try 3): java.sql.SQLException: table missing
                  Log: http://orch/log/load/3
                - check (try 1): no error recorded""");
    }

    @Test
    void a_refused_post_fails_the_callback_with_the_status() {
        server.respond("/services/T0/B0/x", 403, "invalid_token");
        TaskEvent event = new TaskEvent("d", "r", "t", 1, TaskState.FAILED, DAY, Optional.empty(), Optional.empty(), resources);

        assertThatThrownBy(() -> WebhookNotifier.via("slack").build().call(event))
                .hasMessage("webhook 'slack' answered 403: invalid_token");
    }
}
