package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Airflow's {@code POST /dags/{dag_id}/updateTaskInstancesState}: a mark widened up- and downstream and to past and future runs. */
class MarkScopeApiTest {

    private static final String MARK = "/api/v1/dags/fail_once/updateTaskInstancesState";

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.failOnce());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void dry_run_is_the_default_and_lists_what_the_scope_would_mark() {
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
    void bad_forms_are_refused_with_a_problem() {
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
