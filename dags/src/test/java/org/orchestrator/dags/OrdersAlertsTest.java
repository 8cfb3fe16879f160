package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunState;
import org.orchestrator.tasks.testing.LocalHttpServer;
import org.orchestrator.testing.CallbackCall;
import org.orchestrator.testing.DagTestRun;
import org.orchestrator.testing.DagTester;

/** The orders pipeline's failure alert goes to a webhook on loopback when its connection is set. */
class OrdersAlertsTest {

    private static final Instant DAY = Instant.parse("2026-03-02T02:00:00Z");

    @AutoClose
    private final LocalHttpServer webhook = LocalHttpServer.start().respond("/hook", 200, "ok");

    @TempDir
    Path dir;

    @Test
    void a_failed_run_posts_one_alert_naming_the_dag_and_run_to_the_configured_webhook() {
        DagTestRun run = alerting().conf(Map.of("min_amount", "lots")).runCallbacks(true).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.callbackErrors()).isEmpty();
        assertThat(posted()).singleElement().asString().contains("etl_orders_pipeline").contains(run.runId()).contains("failed")
                .contains("transform_orders (try 4)").contains("param min_amount must be a number");
    }

    @Test
    void a_failed_run_tested_without_run_callbacks_records_the_alert_and_posts_nothing() {
        DagTestRun run = alerting().conf(Map.of("min_amount", "lots")).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.callbacks()).contains(new CallbackCall("", 0, "failed", 1, false));
        assertThat(posted()).isEmpty();
    }

    @Test
    void a_successful_run_posts_nothing() {
        DagTestRun run = alerting().runCallbacks(true).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(posted()).isEmpty();
    }

    private DagTester alerting() {
        return AnalyticsDb.in(dir).tester(OrdersPipeline.dag())
                .connection(new Connection("orders_alerts", "webhook", webhook.baseUrl() + "/hook", "", "", Map.of()));
    }

    private List<String> posted() {
        return webhook.requests().stream().map(LocalHttpServer.Request::body).toList();
    }
}
