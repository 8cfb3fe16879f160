package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.tasks.testing.LocalHttpServer;
import org.orchestrator.tasks.testing.TestTaskContext;

class HttpSensorTest {

    private final TestTaskContext ctx = TestTaskContext.of("sensor_dag", "wait_for_api");
    @AutoClose
    private final LocalHttpServer server = LocalHttpServer.start();

    @Test
    void the_wait_ends_on_the_first_2xx() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.respond("/status", () -> calls.incrementAndGet() < 3
                ? new LocalHttpServer.Answer(503, "not yet") : new LocalHttpServer.Answer(200, "ok"));

        HttpSensor.get(server.baseUrl() + "/status").pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofSeconds(30)).build().execute(ctx);

        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void a_json_condition_through_a_connection_ends_the_wait_when_it_holds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.respond("/api/export", () -> new LocalHttpServer.Answer(200,
                calls.incrementAndGet() < 2 ? "{\"state\":\"running\"}" : "{\"state\":\"ready\"}"));
        ctx.withConnection(new Connection("partner", "http", server.baseUrl() + "/api", "", "", Map.of("token", "t0k")));

        HttpSensor.on("partner", "/export").json("$.state", "ready"::equals)
                .pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofSeconds(30)).build().execute(ctx);

        assertThat(calls.get()).isEqualTo(2);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", "Bearer t0k"));
    }

    @Test
    void an_expected_status_may_be_other_than_2xx() throws Exception {
        server.respond("/gone", 410, "");

        HttpSensor.get(server.baseUrl() + "/gone").status(410).pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void an_unreachable_server_is_not_yet_and_times_out() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpSensor sensor = HttpSensor.get("http://127.0.0.1:" + closedPort + "/x").pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofMillis(100)).build();

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(SensorTimeoutException.class);
        assertThat(ctx.logLines()).anyMatch(l -> l.contains("not reachable yet"));
    }
}
