package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code etl_orders_pipeline} in the real server: rerunning an interval changes nothing. */
class OrdersRerunEndToEndTest {

    private static final String DAG = "etl_orders_pipeline";
    private static final String[] TABLES = {"orders", "orders_rejected", "order_daily_totals"};
    private ExamplesFixture examples;

    @BeforeEach
    void start() {
        examples = ExamplesFixture.start();
    }

    @AfterEach
    void stop() {
        examples.close();
    }

    @Test
    void clearing_a_run_reruns_every_task_of_the_interval_and_the_tables_stay_identical() {
        String first = examples.runInterval(DAG, Instant.parse("2026-03-02T02:00:00Z"));
        String second = examples.runInterval(DAG, Instant.parse("2026-03-03T02:00:00Z"));
        examples.awaitSuccess(DAG, first, Duration.ofMinutes(1));
        examples.awaitSuccess(DAG, second, Duration.ofMinutes(1));
        Map<String, List<String>> before = examples.dump(TABLES);

        examples.clear(DAG, first);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() ->
                examples.runs().task(DAG, first, "update_aggregations").get("try_number").asInt() >= 2
                        && "success".equals(examples.runs().taskState(DAG, first, "update_aggregations")));
        examples.awaitSuccess(DAG, first, Duration.ofMinutes(1));

        assertThat(examples.runs().task(DAG, first, "load_orders").get("try_number").asInt()).as("the load ran again").isEqualTo(2);
        assertThat(examples.dump(TABLES)).isEqualTo(before);
        assertThat(before.get("orders")).as("two days of 21 valid orders").hasSize(42);
        assertThat(before.get("orders_rejected")).hasSize(6);
        assertThat(before.get("order_daily_totals")).hasSize(2);
    }
}
