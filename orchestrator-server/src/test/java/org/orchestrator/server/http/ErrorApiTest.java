package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void unknown_route_is_404_problem() {
        assertProblem(api.as(ApiFixture.ADMIN).get("/api/v1/nothing_here"), 404);
        assertProblem(api.anonymous().get("/favicon.ico"), 404);
    }

    @Test
    void wrong_method_is_405_problem() {
        assertProblem(api.as(ApiFixture.ADMIN).send("PUT", "/api/v1/dags/greeter", "{}"), 405);
    }

    @Test
    void bad_query_parameters_are_400_naming_the_parameter() {
        for (String query : List.of("limit=ten", "offset=-1", "limit=-5", "paused=maybe", "only_active=1", "order_by=password")) {
            String detail = assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags?" + query), 400).get("detail").asText();
            assertThat(detail).as(query).contains(query.substring(0, query.indexOf('=')).replace("order_by", "order"));
        }
    }

    @Test
    void badly_encoded_or_ambiguous_paths_are_4xx_problems() {
        for (String path : List.of("/api/v1/dags/%zz", "/api/v1/dags/..%2F..%2Fetc%2Fpasswd", "/api/v1/dags?tags=%zz",
                "/api/v1/dags/%2e%2e/%2e%2e/health", "/api/v1/dags/%00", "/../../etc/passwd", "/api/v1/dags/greeter/tasks/%",
                "/api/v1/dags/%g0/dagRuns")) {
            RawHttp.Answer answer = RawHttp.get(api.port(), path, ApiFixture.VIEWER);
            assertThat(answer.status()).as(path + " -> " + answer.body()).isBetween(400, 499);
            assertThat(answer.contentType()).as(path + " -> " + answer.body()).startsWith("application/problem+json");
            assertThat(answer.body()).as(path).contains("\"status\":" + answer.status());
        }
    }

    @Test
    void nul_characters_in_path_query_or_body_are_400_on_every_database() {
        var admin = api.as(ApiFixture.ADMIN);
        for (String path : List.of("/api/v1/dags/gree%00ter", "/api/v1/eventLogs?dag_id=%00", "/api/v1/dags/greeter/dagRuns?state=%00")) {
            assertThat(assertProblem(admin.get(path), 400).get("detail").asText()).as(path).contains("NUL");
        }
        String body = "{\"dag_run_id\": \"nul\\u0000run\"}";
        assertThat(assertProblem(admin.post("/api/v1/dags/greeter/dagRuns", body), 400).get("detail").asText()).contains("NUL");
        String nested = "{\"conf\": {\"list\": [\"ok\", \"bad\\u0000\"]}}";
        assertThat(assertProblem(admin.post("/api/v1/dags/greeter/dagRuns", nested), 400).get("detail").asText()).contains("NUL");
    }

    @Test
    void a_body_over_the_size_limit_is_413_problem() {
        String huge = "{\"conf\": {\"blob\": \"" + "x".repeat(1_100_000) + "\"}}";

        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", huge), 413);
    }

    @Test
    void server_is_healthy_after_bad_requests() {
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{{{{");
        api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "\u0000");

        assertThat(api.anonymous().get("/health").json().at("/metadatabase/status").asText()).isEqualTo("healthy");
    }
}
