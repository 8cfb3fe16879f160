package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document parses with a real parser, lists exactly the routes the server
 * has, and every route's real answer validates against the document's schema for it.
 */
class OpenApiTest {

    private static ApiFixture api;
    private static OpenAPI document;
    private static final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.start(TestDags.greeter(), TestDags.failOnce(), org.orchestrator.api.Dag.builder("on_orders")
                .schedule(org.orchestrator.api.Schedule.onAssets(org.orchestrator.api.Asset.of("jdbc://doc/orders")))
                .task("report", ctx -> { }).build());
        RunWaits runs = new RunWaits(api);
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"doc_run\", \"conf\": {\"greeting\": \"hey\"}}");
        runs.trigger("fail_once", "doc_fail");
        runs.awaitRun("greeter", "doc_run", "success");
        runs.awaitRun("fail_once", "doc_fail", "failed");
        Path dags = api.engine().orchestrator().config().dagsFolder();
        Files.createDirectories(dags);
        Files.writeString(dags.resolve("broken.jar"), "not a jar");
        api.engine().orchestrator().scanDags();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.as(ApiFixture.VIEWER).get("/api/v1/openapi.json").body());
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        document = parsed.getOpenAPI();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void document_lists_exactly_the_registered_routes() {
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method + " " + path)));

        // The web dashboard's pages (/, /login, /ui/…, /static/…) are not part of the REST API.
        Set<String> apiRoutes = new TreeSet<>();
        api.server().registeredRoutes().stream().filter(r -> r.contains(" /api/") || r.endsWith(" /health")
                || r.endsWith(" /metrics")).forEach(apiRoutes::add);
        assertThat(documented).isEqualTo(apiRoutes);
        assertThat(document.getOpenapi()).isEqualTo("3.0.3");
        assertThat(document.getComponents().getSecuritySchemes()).containsKey("basic");
    }

    @Test
    void every_route_answers_as_documented() {
        ApiClient op = api.as(ApiFixture.OP);
        ApiClient admin = api.as(ApiFixture.ADMIN);
        String run = "/api/v1/dags/greeter/dagRuns/doc_run";
        String ti = run + "/taskInstances/echo";
        check("GET", "/health", api.anonymous().get("/health"));
        check("GET", "/api/v1/health", op.get("/api/v1/health"));
        check("GET", "/api/v1/version", op.get("/api/v1/version"));
        check("GET", "/metrics", op.get("/metrics"));
        check("GET", "/api/v1/dags", op.get("/api/v1/dags"));
        check("GET", "/api/v1/dags/{dag_id}", op.get("/api/v1/dags/greeter"));
        check("PATCH", "/api/v1/dags/{dag_id}", op.patch("/api/v1/dags/greeter", "{\"is_paused\": false}"));
        check("DELETE", "/api/v1/dags/{dag_id}", op.delete("/api/v1/dags/greeter")); // 409: still in the folder
        check("PATCH", "/api/v1/dags", op.patch("/api/v1/dags?dag_id_pattern=greeter", "{\"is_paused\": false}"));
        check("GET", "/api/v1/dags/{dag_id}/details", op.get("/api/v1/dags/greeter/details"));
        check("GET", "/api/v1/dags/{dag_id}/tasks", op.get("/api/v1/dags/greeter/tasks"));
        ApiClient.Response versions = op.get("/api/v1/dags/greeter/dagVersions");
        check("GET", "/api/v1/dags/{dag_id}/dagVersions", versions);
        String version = versions.json().get("dag_versions").get(0).get("version").asText();
        check("GET", "/api/v1/dags/{dag_id}/dagVersions/{version}", op.get("/api/v1/dags/greeter/dagVersions/" + version));
        check("GET", "/api/v1/dags/{dag_id}/tasks/{task_id}", op.get("/api/v1/dags/greeter/tasks/echo"));
        check("POST", "/api/v1/dags/{dag_id}/dagRuns", op.post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"doc_new\"}"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", op.get(run));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns", op.get("/api/v1/dags/~/dagRuns"));
        check("POST", "/api/v1/dags/~/dagRuns/list", op.post("/api/v1/dags/~/dagRuns/list", "{}"));
        check("PATCH", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}",
                op.patch("/api/v1/dags/fail_once/dagRuns/doc_fail", "{\"state\": \"failed\"}"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", op.get(run + "/taskInstances"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", op.get(ti));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped", op.get(ti + "/listMapped"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}", op.get(ti + "/0"));
        check("POST", "/api/v1/dags/~/dagRuns/~/taskInstances/list", op.post("/api/v1/dags/~/dagRuns/~/taskInstances/list", "{}"));
        check("PATCH", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}",
                op.patch(ti, "{\"new_state\": \"failed\"}"));
        check("PATCH", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/setNote",
                op.patch(run + "/setNote", "{\"note\": \"checked\"}"));
        check("PATCH", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/setNote",
                op.patch(ti + "/setNote", "{\"note\": \"checked\"}"));
        check("POST", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear",
                op.post("/api/v1/dags/fail_once/dagRuns/doc_fail/clear", "{}"));
        check("POST", "/api/v1/dags/{dag_id}/clearTaskInstances",
                op.post("/api/v1/dags/fail_once/clearTaskInstances", "{\"dag_run_id\": \"doc_fail\"}"));
        check("POST", "/api/v1/dags/{dag_id}/updateTaskInstancesState", op.post("/api/v1/dags/fail_once/updateTaskInstancesState",
                "{\"dag_run_id\": \"doc_fail\", \"task_id\": \"flaky\", \"new_state\": \"success\"}"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
                op.get(ti + "/logs/1"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}/stream",
                op.get(ti + "/logs/1/stream", "text/event-stream"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries", op.get(ti + "/xcomEntries"));
        check("GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}",
                op.get(ti + "/xcomEntries/greeting"));
        long importError = op.get("/api/v1/importErrors").json().at("/import_errors/0/import_error_id").asLong();
        check("GET", "/api/v1/importErrors", op.get("/api/v1/importErrors"));
        check("GET", "/api/v1/importErrors/{import_error_id}", op.get("/api/v1/importErrors/" + importError));
        long event = op.get("/api/v1/eventLogs").json().at("/event_logs/0/event_log_id").asLong();
        check("GET", "/api/v1/eventLogs", op.get("/api/v1/eventLogs"));
        check("GET", "/api/v1/eventLogs/{event_log_id}", op.get("/api/v1/eventLogs/" + event));
        check("POST", "/api/v1/pools", admin.post("/api/v1/pools", "{\"name\": \"doc_pool\", \"slots\": 2}"));
        check("GET", "/api/v1/pools", op.get("/api/v1/pools"));
        check("GET", "/api/v1/pools/{pool_name}", op.get("/api/v1/pools/doc_pool"));
        check("PATCH", "/api/v1/pools/{pool_name}", admin.patch("/api/v1/pools/doc_pool", "{\"slots\": 3}"));
        check("DELETE", "/api/v1/pools/{pool_name}", admin.delete("/api/v1/pools/doc_pool"));
        check("DELETE", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", op.delete("/api/v1/dags/greeter/dagRuns/doc_new"));
        JsonNode token = op.post("/api/v1/tokens", "{\"name\": \"doc\"}").json();
        check("POST", "/api/v1/tokens", op.post("/api/v1/tokens", "{\"name\": \"doc2\"}"));
        check("GET", "/api/v1/tokens", op.get("/api/v1/tokens"));
        check("DELETE", "/api/v1/tokens/{token_id}", op.delete("/api/v1/tokens/" + token.get("token_id").asLong()));
        check("POST", "/api/v1/connections", admin.post("/api/v1/connections",
                "{\"connection_id\": \"doc_db\", \"conn_type\": \"postgres\", \"host\": \"db\", \"port\": 5432, "
                        + "\"schema\": \"sales\", \"login\": \"etl\", \"password\": \"pw-1234\", \"extra\": \"{\\\"sslmode\\\": \\\"require\\\"}\"}"));
        check("GET", "/api/v1/connections", op.get("/api/v1/connections"));
        check("GET", "/api/v1/connections/{connection_id}", op.get("/api/v1/connections/doc_db"));
        check("PATCH", "/api/v1/connections/{connection_id}", admin.patch("/api/v1/connections/doc_db", "{\"port\": 5433}"));
        check("DELETE", "/api/v1/connections/{connection_id}", admin.delete("/api/v1/connections/doc_db"));
        check("POST", "/api/v1/variables", admin.post("/api/v1/variables", "{\"key\": \"doc_var\", \"value\": \"v\"}"));
        check("GET", "/api/v1/variables", op.get("/api/v1/variables"));
        check("GET", "/api/v1/variables/{variable_key}", op.get("/api/v1/variables/doc_var"));
        check("PATCH", "/api/v1/variables/{variable_key}", admin.patch("/api/v1/variables/doc_var", "{\"value\": \"w\"}"));
        check("DELETE", "/api/v1/variables/{variable_key}", admin.delete("/api/v1/variables/doc_var"));
        check("POST", "/api/v1/assets/events", op.post("/api/v1/assets/events", "{\"asset_uri\": \"jdbc://doc/orders\", \"extra\": {\"n\": 1}}"));
        check("GET", "/api/v1/assets", op.get("/api/v1/assets"));
        check("GET", "/api/v1/assets/events", op.get("/api/v1/assets/events"));
        check("GET", "/api/v1/dags/{dag_id}/assets/queuedEvents", op.get("/api/v1/dags/on_orders/assets/queuedEvents"));
        check("POST", "/api/v1/connections/test", admin.post("/api/v1/connections/test",
                "{\"conn_type\": \"http\", \"url\": \"http://127.0.0.1:" + api.port() + "/health\"}"));
        check("POST", "/api/v1/users", admin.post("/api/v1/users", "{\"username\": \"doc_user\", \"password\": \"doc-pass-1\", \"role\": \"viewer\"}"));
        check("GET", "/api/v1/users", admin.get("/api/v1/users"));
        check("PATCH", "/api/v1/users/{username}", admin.patch("/api/v1/users/doc_user", "{\"role\": \"op\"}"));
        check("DELETE", "/api/v1/users/{username}", admin.delete("/api/v1/users/doc_user"));
        check("GET", "/api/v1/roles", admin.get("/api/v1/roles"));
        check("GET", "/api/v1/slaMisses", op.get("/api/v1/slaMisses"));
        check("GET", "/api/v1/openapi.json", op.get("/api/v1/openapi.json"));
        check("GET", "/api/v1/docs", op.get("/api/v1/docs"));
        check("GET", "/api/v1/dags/{dag_id}", op.get("/api/v1/dags/no_such_dag"));
        // Last: a real clear drops the run's XComs, which the checks above read.
        check("POST", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear",
                op.post("/api/v1/dags/greeter/dagRuns/doc_run/clear", "{\"dry_run\": false}"));

        assertThat(exercised).as("every documented operation was called").isEqualTo(documentedOperations());
    }

    private static void check(String method, String template, ApiClient.Response response) {
        exercised.add(method + " " + template);
        Operation operation = document.getPaths().get(template).readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(operation).as(method + " " + template + " is documented").isNotNull();
        io.swagger.v3.oas.models.responses.ApiResponse documented = operation.getResponses().get(String.valueOf(response.status()));
        if (documented == null) {
            documented = operation.getResponses().get("default");
        }
        String what = method + " " + template + " -> " + response.status() + " " + response.body();
        assertThat(documented).as(what).isNotNull();
        String mediaType = response.contentType().split(";")[0].trim();
        if (response.status() == 204) {
            assertThat(documented.getContent()).as(what).isNull();
            return;
        }
        assertThat(documented.getContent()).as(what).containsKey(mediaType);
        if (mediaType.endsWith("json")) {
            Schema<?> schema = documented.getContent().get(mediaType).getSchema();
            JsonNode body = response.json();
            assertThat(SchemaCheck.check(document, body, schema)).as(what).isEmpty();
        }
    }

    private static Set<String> documentedOperations() {
        Set<String> all = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m -> all.add(m + " " + path)));
        return all;
    }
}
