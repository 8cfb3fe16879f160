package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClearApiTest {

    private static final String CLEAR = "/api/v1/dags/fail_once/clearTaskInstances";
    /** Airflow's mark with scopes, which takes the same scopes as a clear. */
    private static final String MARK = "/api/v1/dags/fail_once/updateTaskInstancesState";

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.failOnce(), TestDags.greeter());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void clearing_a_failed_task_reruns_it_and_its_downstream() {
        failedRun("c1");

        JsonNode cleared = clear("{\"dry_run\": false, \"dag_run_id\": \"c1\", \"task_ids\": [\"flaky\"], \"include_downstream\": true}");

        assertThat(refs(cleared)).containsExactlyInAnyOrder("c1/flaky", "c1/after");
        assertThat(cleared.at("/task_instances/0/dag_id").asText()).isEqualTo("fail_once");
        assertThat(cleared.at("/task_instances/0/execution_date").asText()).endsWith("Z");
        runs.awaitRun("fail_once", "c1", "success");
        assertThat(runs.task("fail_once", "c1", "flaky").get("try_number").asInt()).isEqualTo(2);
        assertThat(runs.taskState("fail_once", "c1", "after")).isEqualTo("success");
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/fail_once/dagRuns/c1/taskInstances/flaky/logs/2").json()
                .get("content").asText()).contains("second time lucky");
        assertThat(AuditRows.of(api.engine(), "api.post_clear_task_instances")).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.OP);
            assertThat(row.get("run_id")).isEqualTo("c1");
        });
    }

    @Test
    void dry_run_is_the_default_and_changes_nothing() {
        failedRun("c2");

        JsonNode planned = clear("{\"dag_run_id\": \"c2\"}");

        assertThat(refs(planned)).containsExactlyInAnyOrder("c2/flaky", "c2/after");
        assertThat(runs.runState("fail_once", "c2")).isEqualTo("failed");
        assertThat(runs.taskState("fail_once", "c2", "flaky")).isEqualTo("failed");
        assertThat(runs.taskState("fail_once", "c2", "after")).isEqualTo("upstream_failed");
    }

    @Test
    void include_upstream_adds_what_feeds_the_chosen_task() {
        failedRun("c3");

        assertThat(refs(clear("{\"dag_run_id\": \"c3\", \"task_ids\": [\"after\"]}"))).containsExactly("c3/after");
        assertThat(refs(clear("{\"dag_run_id\": \"c3\", \"task_ids\": [\"after\"], \"include_upstream\": true}")))
                .containsExactlyInAnyOrder("c3/flaky", "c3/after");
    }

    @Test
    void only_failed_false_clears_a_successful_run_which_runs_again() {
        runs.trigger("greeter", "again");
        runs.awaitRun("greeter", "again", "success");

        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/greeter/clearTaskInstances",
                "{\"dry_run\": false, \"only_failed\": false, \"dag_run_id\": \"again\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(refs(response.json())).containsExactly("again/echo");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                runs.task("greeter", "again", "echo").get("try_number").asInt() == 2
                        && "success".equals(runs.runState("greeter", "again")));
    }

    @Test
    void date_window_selects_runs_by_logical_date() {
        api.as(ApiFixture.OP).post("/api/v1/dags/fail_once/dagRuns", "{\"dag_run_id\": \"old\", \"logical_date\": \"2020-01-01T00:00:00Z\"}");
        runs.awaitRun("fail_once", "old", "failed");

        JsonNode planned = clear("{\"start_date\": \"2019-12-31T00:00:00Z\", \"end_date\": \"2020-01-02T00:00:00Z\"}");

        assertThat(refs(planned)).containsExactlyInAnyOrder("old/flaky", "old/after");
    }

    @Test
    void bad_clear_requests_are_4xx() {
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/no_such_dag/clearTaskInstances", "{}"), 404);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"dag_run_id\": \"no_such_run\"}"), 404);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"task_ids\": [\"ghost\"]}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"task_ids\": []}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"task_ids\": \"flaky\"}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"dry_run\": \"no\"}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"only_running\": true}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(CLEAR, "{\"start_date\": \"last week\"}"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).post(CLEAR, "{}"), 403);
    }

    @Test
    void a_mark_dry_run_is_the_default_and_lists_what_the_scope_would_mark() {
        failedRun("m1");

        assertThat(refs(mark("{\"dag_run_id\": \"m1\", \"task_id\": \"flaky\", \"new_state\": \"success\"}"))).containsExactly("m1/flaky");
        assertThat(refs(mark("{\"dag_run_id\": \"m1\", \"task_id\": \"flaky\", \"new_state\": \"success\", \"include_downstream\": true}")))
                .containsExactlyInAnyOrder("m1/flaky", "m1/after");
        assertThat(refs(mark("{\"dag_run_id\": \"m1\", \"task_id\": \"after\", \"new_state\": \"failed\", \"include_upstream\": true}")))
                .as("flaky is failed already").containsExactly("m1/after");
        assertThat(runs.taskState("fail_once", "m1", "flaky")).isEqualTo("failed");
    }

    @Test
    void marking_with_downstream_marks_both_and_writes_one_audit_row() {
        failedRun("m2");

        JsonNode marked = mark("{\"dry_run\": false, \"dag_run_id\": \"m2\", \"task_id\": \"flaky\", \"new_state\": \"success\", "
                + "\"include_downstream\": true}");

        assertThat(refs(marked)).containsExactlyInAnyOrder("m2/flaky", "m2/after");
        assertThat(runs.taskState("fail_once", "m2", "flaky")).isEqualTo("success");
        assertThat(runs.taskState("fail_once", "m2", "after")).isEqualTo("success");
        assertThat(AuditRows.of(api.engine(), "api.post_set_task_instances_state")).filteredOn(row -> "m2".equals(row.get("run_id")))
                .singleElement().satisfies(row -> assertThat(row.get("username")).isEqualTo(ApiFixture.OP));
    }

    @Test
    void bad_mark_forms_are_refused_with_a_problem() {
        failedRun("m3");
        for (String body : List.of("{\"dag_run_id\": \"m3\", \"task_id\": \"flaky\"}",
                "{\"dag_run_id\": \"m3\", \"task_id\": \"flaky\", \"new_state\": \"skipped\"}",
                "{\"dag_run_id\": \"m3\", \"new_state\": \"success\"}",
                "{\"task_id\": \"flaky\", \"new_state\": \"success\"}",
                "{\"dag_run_id\": \"m3\", \"task_id\": \"nope\", \"new_state\": \"success\"}",
                "{\"dag_run_id\": \"m3\", \"task_id\": \"flaky\", \"new_state\": \"success\", \"execution_date\": \"x\"}")) {
            ApiClient.Response response = api.as(ApiFixture.OP).post(MARK, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(api.as(ApiFixture.OP).post(MARK, "{\"dag_run_id\": \"nope\", \"task_id\": \"flaky\", \"new_state\": \"success\"}")
                .status()).isEqualTo(404);
        assertThat(api.as(ApiFixture.VIEWER).post(MARK, "{\"dag_run_id\": \"m3\", \"task_id\": \"flaky\", \"new_state\": \"success\"}")
                .status()).isEqualTo(403);
    }

    private static void failedRun(String runId) {
        runs.trigger("fail_once", runId);
        runs.awaitRun("fail_once", runId, "failed");
    }

    private static JsonNode clear(String body) {
        ApiClient.Response response = api.as(ApiFixture.OP).post(CLEAR, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode mark(String body) {
        ApiClient.Response response = api.as(ApiFixture.OP).post(MARK, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> refs(JsonNode body) {
        List<String> refs = new ArrayList<>();
        body.get("task_instances").forEach(t -> refs.add(t.get("dag_run_id").asText() + "/" + t.get("task_id").asText()));
        return refs;
    }
}
