package org.orchestrator.server.http;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Triggering runs over the API and waiting for states, polling with a deadline. */
final class RunWaits {

    private final ApiFixture api;

    RunWaits(ApiFixture api) {
        this.api = api;
    }

    void trigger(String dagId, String runId) {
        ApiClient.Response r = api.as(ApiFixture.OP).post("/api/v1/dags/" + dagId + "/dagRuns", "{\"dag_run_id\": \"" + runId + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("trigger failed: " + r.body());
        }
    }

    void awaitRun(String dagId, String runId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(runState(dagId, runId)));
    }

    void awaitTask(String dagId, String runId, String taskId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(taskState(dagId, runId, taskId)));
    }

    String runState(String dagId, String runId) {
        return api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + dagId + "/dagRuns/" + runId).json().get("state").asText();
    }

    JsonNode task(String dagId, String runId, String taskId) {
        return api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + dagId + "/dagRuns/" + runId + "/taskInstances/" + taskId).json();
    }

    String taskState(String dagId, String runId, String taskId) {
        JsonNode state = task(dagId, runId, taskId).get("state");
        return state.isNull() ? null : state.asText();
    }
}
