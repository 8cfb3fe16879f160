package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Schedule;
import org.orchestrator.rules.Timetable;
import org.orchestrator.server.dagbag.LoadedDag;

/**
 * The example DAGs are end-to-end fixtures: every DAG of the bundled example jar runs in one real
 * server, at once, out of the box (default analytics database, no network), and succeeds.
 */
class ExampleDagsEndToEndTest {

    /** Scheduled DAGs run their first interval from here: the access-log sample's first hour has data. */
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void every_example_dag_runs_to_success_in_the_server() {
        try (ExamplesFixture examples = ExamplesFixture.start()) {
            examples.dag("example_hello");
            Map<String, String> runs = new LinkedHashMap<>();
            // DAGs start paused here; a paused consumer queues no asset events, as in Airflow.
            examples.api().as(ApiFixture.OP).patch("/api/v1/dags/orders_reporting", "{\"is_paused\": false}");
            for (LoadedDag loaded : examples.api().engine().orchestrator().dags().all()) {
                // A DAG scheduled on assets is not started here: its producers' successes start it.
                if (!(loaded.dag().schedule() instanceof Schedule.OnAssets)) {
                    runs.put(loaded.dag().id(), start(examples, loaded.dag()));
                }
            }

            assertThat(runs.keySet()).contains("example_hello", "etl_orders_pipeline", "example_retries", "loans_etl",
                    "server_logs_hourly", "example_fan_out_fan_in", "example_sensors", "example_grouped_files",
                    "example_mapped_files");
            assertThat(examples.api().engine().orchestrator().dags().get("orders_reporting")).isPresent();
            runs.forEach((dag, run) -> examples.awaitSuccess(dag, run, Duration.ofMinutes(2)));
            assertThat(examples.analytics("SELECT requests FROM dashboard_hourly_traffic")).singleElement()
                    .satisfies(row -> assertThat((Long) row.getFirst()).isPositive());
            assertThat(examples.runs().taskState("example_sensors", runs.get("example_sensors"), "wait_for_optional_feed"))
                    .isEqualTo("skipped");
            assertThat(examples.runs().task("example_retries", runs.get("example_retries"), "flaky").get("try_number").asInt())
                    .isEqualTo(3);
            String load = examples.api().as(ApiFixture.VIEWER).get("/api/v1/dags/loans_etl/dagRuns/" + runs.get("loans_etl")
                    + "/taskInstances/load_loans/logs/1?full_content=true").body();
            assertThat(load).as("loans_etl's heavy step is isolated").contains("running in a child JVM");
            assertThat(mappedInstances(examples, "example_grouped_files", runs, "per_file.check"))
                    .as("one check per file of the typed param's default list, inside the group").isEqualTo(3);
            assertThat(examples.runs().taskState("example_grouped_files", runs.get("example_grouped_files"), "summarise"))
                    .isEqualTo("success");
            assertThat(mappedInstances(examples, "example_mapped_files", runs, "count_rows")).isEqualTo(5);
            assertOrdersReportingRanOnTheOrdersAsset(examples, runs.get("etl_orders_pipeline"));
        }
    }

    /** etl_orders_pipeline's success published the orders asset: orders_reporting ran once, on it, and reported. */
    private static void assertOrdersReportingRanOnTheOrdersAsset(ExamplesFixture examples, String ordersRun) {
        ApiClient viewer = examples.api().as(ApiFixture.VIEWER);
        await().atMost(Duration.ofMinutes(1)).until(() ->
                viewer.get("/api/v1/dags/orders_reporting/dagRuns").json().get("total_entries").asInt() == 1);
        JsonNode run = viewer.get("/api/v1/dags/orders_reporting/dagRuns").json().get("dag_runs").get(0);
        assertThat(run.get("run_type").asText()).isEqualTo("asset_triggered");
        examples.awaitSuccess("orders_reporting", run.get("dag_run_id").asText(), Duration.ofMinutes(1));
        assertThat(run.at("/conf/triggering_asset_events/jdbc:~1~1analytics~1orders/0/source_run_id").asText()).isEqualTo(ordersRun);
        assertThat(examples.analytics("SELECT order_count FROM orders_report")).singleElement()
                .satisfies(row -> assertThat(((Number) row.getFirst()).longValue()).isPositive());
    }

    private static int mappedInstances(ExamplesFixture examples, String dag, Map<String, String> runs, String task) {
        return examples.api().as(ApiFixture.VIEWER).get("/api/v1/dags/" + dag + "/dagRuns/" + runs.get(dag)
                + "/taskInstances/" + task + "/listMapped").json().get("total_entries").asInt();
    }

    /** A scheduled DAG runs its first interval from {@link #FROM}; a manual one is triggered. @return the run id */
    private static String start(ExamplesFixture examples, Dag dag) {
        List<DataInterval> first = Timetable.of(dag).nextAfter(FROM).stream().toList();
        if (!first.isEmpty() && !first.getFirst().start().equals(first.getFirst().end())) {
            return examples.runInterval(dag.id(), first.getFirst().start());
        }
        String runId = "e2e_" + dag.id();
        examples.runs().trigger(dag.id(), runId);
        return runId;
    }
}
