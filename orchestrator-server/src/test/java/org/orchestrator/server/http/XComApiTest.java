package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XComApiTest {

    private static final String ENTRIES = "/api/v1/dags/greeter/dagRuns/x1/taskInstances/echo/xcomEntries";

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter());
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"x1\", \"conf\": {\"greeting\": \"ciao\"}}");
        new RunWaits(api).awaitRun("greeter", "x1", "success");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_task_xcom_entries_are_listed_by_key() {
        JsonNode body = api.as(ApiFixture.VIEWER).get(ENTRIES).json();

        assertThat(body.get("total_entries").asInt()).isEqualTo(2);
        JsonNode first = body.get("xcom_entries").get(0);
        assertThat(first.get("key").asText()).isEqualTo("conf");
        assertThat(first.get("task_id").asText()).isEqualTo("echo");
        assertThat(first.get("dag_id").asText()).isEqualTo("greeter");
        assertThat(first.get("execution_date").asText()).endsWith("Z");
        assertThat(body.get("xcom_entries").get(1).get("key").asText()).isEqualTo("greeting");
        assertThat(api.as(ApiFixture.VIEWER).get(ENTRIES + "?xcom_key=greeting").json().get("total_entries").asInt()).isEqualTo(1);
        assertThat(api.as(ApiFixture.VIEWER).get(ENTRIES.replace("/echo/", "/~/")).json().get("total_entries").asInt()).isEqualTo(2);
    }

    @Test
    void one_entry_value_is_a_string_unless_stringify_is_false() {
        assertThat(api.as(ApiFixture.VIEWER).get(ENTRIES + "/greeting").json().get("value").asText()).isEqualTo("\"ciao\"");
        assertThat(api.as(ApiFixture.VIEWER).get(ENTRIES + "/conf?stringify=false").json().get("value").toString())
                .isEqualTo("{\"greeting\":\"ciao\"}");
    }

    @Test
    void unknown_key_or_run_is_404() {
        assertProblem(api.as(ApiFixture.VIEWER).get(ENTRIES + "/nothing"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(ENTRIES.replace("/x1/", "/no_run/")), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(ENTRIES + "/greeting?stringify=perhaps"), 400);
    }
}
