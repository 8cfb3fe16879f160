package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.web.WebServer;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.HttpServer;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestUsers;

/** Roles split one engine over several processes: what each node runs, and what it serves. */
class NodeRolesTest {

    private static final Dag FAN = Dag.builder("fan")
            .task("a", ctx -> { }).task("b", ctx -> { }).task("c", ctx -> { })
            .chain("a", "b").build();

    @Test
    void roles_parse_from_server_or_a_comma_list_and_an_unknown_role_is_named() {
        assertThat(NodeRoles.parse("server")).isEqualTo(new NodeRoles(true, true, true));
        assertThat(NodeRoles.parse("scheduler, webserver")).isEqualTo(new NodeRoles(true, false, true));
        assertThat(NodeRoles.parse("worker").toString()).isEqualTo("worker");
        assertThatThrownBy(() -> NodeRoles.parse("worker,cook"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cook'");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ORCHESTRATOR_ROLE", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node role");
    }

    @Test
    void a_run_triggered_on_a_scheduler_webserver_node_is_run_by_the_worker_node_only() throws Exception {
        Path home = TestEngine.fresh();
        try (Orchestrator boss = start(home, "boss", "scheduler,webserver");
             Orchestrator worker = start(home, "worker", "worker")) {
            DagRunRow run = boss.runs().trigger(boss.dags().get("fan").orElseThrow(), null, null, Map.of(), null);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    boss.database().transactions().withHandle(h -> new DagRuns().find(h, run.id()).orElseThrow().state()) == DagRunState.SUCCESS);

            List<String> nodes = boss.database().jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT node FROM task_try").mapTo(String.class).list());
            assertThat(nodes).containsExactly(worker.nodeId());
            assertThat(boss.sweeper().choreNames()).contains("reap-zombies", "requeue-due-retries");
            assertThat(worker.sweeper().choreNames()).doesNotContain("reap-zombies", "requeue-due-retries", "refresh-schedules");
        }
    }

    @Test
    void a_node_without_the_webserver_role_serves_health_with_every_node_and_nothing_else() throws Exception {
        Path home = TestEngine.fresh();
        try (Orchestrator boss = start(home, "boss", "scheduler,webserver");
             Orchestrator worker = start(home, "worker", "worker");
             HttpServer http = HttpServer.startHealthOnly(worker, "127.0.0.1", 0);
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = get(client, http.port(), "/api/v1/health");
            HttpResponse<String> dags = get(client, http.port(), "/api/v1/dags");

            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.at("/this_node/node_id").asText()).isEqualTo(worker.nodeId());
            assertThat(body.at("/this_node/roles").asText()).isEqualTo("worker");
            assertThat(body.at("/this_node/stale_writes").isIntegralNumber()).isTrue();
            assertThat(body.get("nodes").findValuesAsText("node_id")).containsExactlyInAnyOrder(boss.nodeId(), worker.nodeId());
            assertThat(body.get("nodes").findValuesAsText("status")).containsOnly("alive");
            assertThat(body.get("nodes").findValuesAsText("name")).containsExactlyInAnyOrder("boss", "worker");
            assertThat(dags.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_webserver_only_node_takes_a_trigger_over_http_and_runs_nothing_while_scheduler_and_worker_nodes_do_the_work()
            throws Exception {
        Path home = TestEngine.fresh();
        try (Orchestrator web = start(home, "web", "webserver");
             Orchestrator scheduler = start(home, "sched", "scheduler");
             Orchestrator worker = start(home, "worker", "worker");
             HttpClient client = HttpClient.newHttpClient()) {
            TestUsers.createOnePerRole(web);
            try (HttpServer http = WebServer.start(web, "127.0.0.1", 0)) {
                String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("op:op-password".getBytes());
                HttpResponse<String> triggered = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + http.port() + "/api/v1/dags/fan/dagRuns"))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"dag_run_id\": \"via_web\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).until(() -> web.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT state FROM dag_run WHERE run_id = 'via_web'").mapTo(String.class).one()).equals("success"));
            }
            List<String> nodes = web.database().jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT node FROM task_try").mapTo(String.class).list());
            assertThat(nodes).containsExactly(worker.nodeId());
            assertThat(web.sweeper().choreNames()).doesNotContain("reap-zombies", "requeue-due-retries", "refresh-schedules");
            assertThat(scheduler.sweeper().choreNames()).contains("reap-zombies", "requeue-due-retries");
        }
    }

    private static Orchestrator start(Path home, String name, String roles) {
        Map<String, String> env = TestDatabase.withHome(home, Map.of("ORCHESTRATOR_SWEEP_INTERVAL_MS", "200",
                "ORCHESTRATOR_NODE_NAME", name, "ORCHESTRATOR_ROLE", roles));
        ServerConfig config = ServerConfig.fromEnvironment(env);
        return Orchestrator.start(config, Orchestrator.Options.of(config.roles()), List.of(FAN));
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
