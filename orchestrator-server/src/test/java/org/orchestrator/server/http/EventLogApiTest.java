package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestUsers;

class EventLogApiTest {

    /** The fixture's users are created from the command line, which is audited too. */
    private static final int USERS = TestUsers.ROLES.size();

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter());
        api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{\"is_paused\": true}");
        api.as(ApiFixture.ADMIN).patch("/api/v1/dags/greeter", "{\"is_paused\": false}");
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"logged\"}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void mutating_calls_are_listed_with_who_what_and_where() {
        JsonNode body = api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs?order_by=event_log_id").json();

        assertThat(body.get("total_entries").asInt()).isEqualTo(USERS + 3);
        JsonNode first = body.get("event_logs").get(USERS);
        assertThat(first.get("event").asText()).isEqualTo("api.patch_dag");
        assertThat(first.get("owner").asText()).isEqualTo(ApiFixture.OP);
        assertThat(first.get("dag_id").asText()).isEqualTo("greeter");
        assertThat(first.get("when").asText()).endsWith("Z");
        assertThat(first.get("extra").asText()).contains("is_paused");
        assertThat(first.get("source_ip").asText()).isNotBlank();
        assertThat(first.get("event_log_id").isNumber()).isTrue();
        JsonNode trigger = body.get("event_logs").get(USERS + 2);
        assertThat(trigger.get("run_id").asText()).isEqualTo("logged");
    }

    @Test
    void event_logs_filter_by_event_owner_and_lists_of_events() {
        assertThat(total("event=api.patch_dag")).isEqualTo(2);
        assertThat(total("owner=admin")).isEqualTo(1);
        assertThat(total("included_events=api.post_dag_run,api.patch_dag")).isEqualTo(3);
        assertThat(total("excluded_events=api.patch_dag")).isEqualTo(USERS + 1);
        assertThat(total("dag_id=other")).isZero();
        assertThat(total("after=2000-01-01T00:00:00Z&before=2999-01-01T00:00:00Z")).isEqualTo(USERS + 3);
        assertThat(total("try_number=1")).isZero();
    }

    @Test
    void the_fixture_users_creation_is_logged_as_command_line_events() {
        JsonNode body = api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs?event=cli.post_user&order_by=event_log_id").json();

        assertThat(body.get("total_entries").asInt()).isEqualTo(USERS);
        assertThat(body.at("/event_logs/0/owner").asText()).startsWith("cli:");
        assertThat(body.at("/event_logs/0/extra").asText()).contains("\"username\":\"admin\"").doesNotContain("password");
    }

    @Test
    void one_event_log_by_id_and_404_for_unknown() {
        long id = api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs").json().at("/event_logs/0/event_log_id").asLong();

        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs/" + id).json().get("event_log_id").asLong()).isEqualTo(id);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs/987654"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs?after=noon"), 400);
    }

    private static int total(String query) {
        return api.as(ApiFixture.VIEWER).get("/api/v1/eventLogs?" + query).json().get("total_entries").asInt();
    }
}
