package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.tasks.TriggerDagRunTask;

/** Issue 14: a run triggered by a TriggerDagRunTask links back to its parent task instance in the REST API. */
class TriggeredRunApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        Dag parent = Dag.builder("orders")
                .task("trigger_report", TriggerDagRunTask.of("report").runId("from__{run_id}").build()).build();
        Dag child = Dag.builder("report").task("render", ctx -> { }).build();
        api = ApiFixture.start(parent, child);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void the_triggered_run_names_the_dag_run_and_task_that_triggered_it_and_other_runs_name_none() {
        RunWaits runs = new RunWaits(api);
        runs.trigger("orders", "nightly");
        runs.awaitRun("orders", "nightly", "success");
        runs.awaitRun("report", "from__nightly", "success");

        JsonNode child = run("report", "from__nightly");
        assertThat(child.get("triggered_by_dag_id").asText()).isEqualTo("orders");
        assertThat(child.get("triggered_by_dag_run_id").asText()).isEqualTo("nightly");
        assertThat(child.get("triggered_by_task_id").asText()).isEqualTo("trigger_report");
        assertThat(child.get("run_type").asText()).isEqualTo("manual");

        JsonNode parent = run("orders", "nightly");
        assertThat(parent.get("triggered_by_dag_id").isNull()).isTrue();
        assertThat(parent.get("triggered_by_dag_run_id").isNull()).isTrue();
        assertThat(parent.get("triggered_by_task_id").isNull()).isTrue();
        JsonNode listed = api.as(ApiFixture.VIEWER).get("/api/v1/dags/report/dagRuns").json().get("dag_runs").get(0);
        assertThat(listed.get("triggered_by_dag_run_id").asText()).isEqualTo("nightly");
    }

    private static JsonNode run(String dagId, String runId) {
        return api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + dagId + "/dagRuns/" + runId).json();
    }
}
