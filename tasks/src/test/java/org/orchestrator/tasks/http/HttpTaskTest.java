package org.orchestrator.tasks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.tasks.testing.LocalHttpServer;
import org.orchestrator.tasks.testing.TestTaskContext;

class HttpTaskTest {

    private final TestTaskContext ctx = TestTaskContext.of("http_dag", "call");
    @AutoClose
    private final LocalHttpServer server = LocalHttpServer.start();

    @Test
    void a_json_path_of_the_answer_goes_to_xcom() throws Exception {
        server.respond("/v1/reports", 201, "{\"report\":{\"id\":42,\"tags\":[\"a\",\"b\"]}}");
        ctx.withConnection(new Connection("api", "http", server.baseUrl() + "/v1", "", "", Map.of("token", "s3cr3t")));

        HttpTask.on("api").post("reports").jsonBody(Map.of("day", "2026-03-02")).header("X-Trace", "t1")
                .expectStatus(201).returnJson("$.report.tags[1]").build().execute(ctx);

        assertThat(ctx.pushed("return_value", String.class)).contains("b");
        assertThat(ctx.pushed("status", Integer.class)).contains(201);
        LocalHttpServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/reports");
        assertThat(request.body()).isEqualTo("{\"day\":\"2026-03-02\"}");
        assertThat(request.headers()).containsEntry("authorization", "Bearer s3cr3t")
                .containsEntry("content-type", "application/json").containsEntry("x-trace", "t1");
    }

    @Test
    void login_and_password_authorize_with_basic() throws Exception {
        server.respond("/items", 200, "[1,2]");
        ctx.withConnection(new Connection("api", "http", server.baseUrl() + "/", "ann", "pw", Map.of()));

        HttpTask.on("api").get("/items").returnBody().build().execute(ctx);

        assertThat(ctx.pushed("return_value", String.class)).contains("[1,2]");
        assertThat(server.requests().getFirst().headers())
                .containsEntry("authorization", "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes()));
    }

    @Test
    void an_unexpected_status_fails_the_try_with_the_status_and_body() {
        server.respond("/broken", 503, "maintenance until noon");
        HttpTask task = HttpTask.get(server.baseUrl() + "/broken").build();

        assertThatThrownBy(() -> task.execute(ctx))
                .hasMessage("GET " + server.baseUrl() + "/broken answered 503, expected 2xx: maintenance until noon");
        assertThat(ctx.pushed("status", Integer.class)).isEmpty();
    }

    @Test
    void a_listed_non_2xx_status_is_accepted() throws Exception {
        server.respond("/gone", 404, "");

        HttpTask.request("DELETE", server.baseUrl() + "/gone").expectStatus(200, 204, 404).build().execute(ctx);

        assertThat(ctx.pushed("status", Integer.class)).contains(404);
        assertThat(server.requests()).extracting(LocalHttpServer.Request::method).containsExactly("DELETE");
    }

    @Test
    void the_target_and_body_may_come_from_the_context() throws Exception {
        server.respond("/daily/2026-01-01", 200, "{}");

        HttpTask.request("PUT", "unused").target(c -> server.baseUrl() + "/daily/" + c.logicalDate().toString().substring(0, 10))
                .body(c -> "run=" + c.runId()).build().execute(ctx);

        assertThat(server.requests()).extracting(LocalHttpServer.Request::body).containsExactly("run=" + ctx.runId());
    }

    @Test
    void a_connection_of_another_type_is_refused() {
        ctx.withConnection(new Connection("db", "jdbc", "jdbc:h2:mem:x", "", "", Map.of()));

        assertThatThrownBy(() -> HttpTask.on("db").get("/x").build().execute(ctx))
                .hasMessageContaining("connection 'db' is of type 'jdbc', an HTTP task needs 'http'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void json_path_reads_fields_indexes_and_whole_objects() {
        String json = "{\"a\":{\"b\":[{\"c\":1},{\"c\":2.5}]},\"n\":null}";

        assertThat(JsonPath.of("$.a.b[1].c").read(json)).contains(2.5);
        assertThat(JsonPath.of("a.b[0]").read(json)).contains(Map.of("c", 1));
        assertThat(JsonPath.of("$.a.b").read(json)).hasValueSatisfying(v -> assertThat((List<?>) v).hasSize(2));
        assertThat(JsonPath.of("$.n").read(json)).isEmpty();
        assertThat(JsonPath.of("$.missing[3].x").read(json)).isEmpty();
        assertThatThrownBy(() -> JsonPath.of("$.a[*]")).hasMessageContaining("unsupported JSON path '$.a[*]'");
        assertThatThrownBy(() -> JsonPath.of("$.a").read("not json")).hasMessageContaining("response is not JSON");
    }
}
