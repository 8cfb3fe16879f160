package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.web.WebServer;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

class HealthApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void health_needs_no_auth_and_reports_database_and_scheduler_healthy() {
        ApiClient.Response response = api.anonymous().get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode health = response.json();
        assertThat(health.at("/metadatabase/status").asText()).isEqualTo("healthy");
        assertThat(health.at("/scheduler/status").asText()).isEqualTo("healthy");
        Instant heartbeat = Instant.parse(health.at("/scheduler/latest_scheduler_heartbeat").asText());
        assertThat(heartbeat).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(1));
    }

    @Test
    void scheduler_is_unhealthy_when_no_node_runs_the_scheduler() {
        Map<String, String> env = TestDatabase.withHome(TestEngine.fresh(), Map.of());
        try (Orchestrator executorOnly = Orchestrator.start(ServerConfig.fromEnvironment(env), Orchestrator.Options.EXECUTOR_ONLY);
             HttpServer server = WebServer.start(executorOnly, "127.0.0.1", 0)) {
            JsonNode health = new ApiClient(server.port(), null).get("/health").json();

            assertThat(health.at("/metadatabase/status").asText()).isEqualTo("healthy");
            assertThat(health.at("/scheduler/status").asText()).isEqualTo("unhealthy");
            assertThat(health.at("/scheduler/latest_scheduler_heartbeat").isNull()).isTrue();
        }
    }

    @Test
    void health_is_also_served_under_api_v1() {
        ApiClient.Response response = api.anonymous().get("/api/v1/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/metadatabase/status").asText()).isEqualTo("healthy");
    }
}
