package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunState;
import org.orchestrator.testing.CallbackCall;
import org.orchestrator.testing.DagTestRun;

/** The orders pipeline's failure alert goes to a webhook on loopback when its connection is set. */
class OrdersAlertsTest {

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @TempDir
    Path dir;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void a_failed_run_posts_one_alert_naming_the_dag_and_run_to_the_configured_webhook() {
        String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";

        DagTestRun run = AnalyticsDb.in(dir).tester(OrdersPipeline.dag())
                .connection(new Connection("orders_alerts", "webhook", url, "", "", Map.of()))
                .conf(Map.of("min_amount", "lots"))
                .runCallbacks(true)
                .run(Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.callbackErrors()).isEmpty();
        assertThat(posted).singleElement().asString().contains("etl_orders_pipeline").contains(run.runId()).contains("failed");
    }

    @Test
    void a_failed_run_tested_without_run_callbacks_records_the_alert_and_posts_nothing() {
        String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";

        DagTestRun run = AnalyticsDb.in(dir).tester(OrdersPipeline.dag())
                .connection(new Connection("orders_alerts", "webhook", url, "", "", Map.of()))
                .conf(Map.of("min_amount", "lots"))
                .run(Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.callbacks()).contains(new CallbackCall("", 0, "failed", 1, false));
        assertThat(posted).isEmpty();
    }

    @Test
    void a_successful_run_posts_nothing() {
        String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";

        DagTestRun run = AnalyticsDb.in(dir).tester(OrdersPipeline.dag())
                .connection(new Connection("orders_alerts", "webhook", url, "", "", Map.of()))
                .runCallbacks(true)
                .run(Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(posted).isEmpty();
    }
}
