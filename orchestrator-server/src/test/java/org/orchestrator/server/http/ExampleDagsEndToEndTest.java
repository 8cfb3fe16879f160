package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
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
            for (LoadedDag loaded : examples.api().engine().orchestrator().dags().all()) {
                runs.put(loaded.dag().id(), start(examples, loaded.dag()));
            }

            assertThat(runs.keySet()).contains("example_hello", "etl_orders_pipeline", "example_retries", "loans_etl",
                    "server_logs_hourly", "example_fan_out_fan_in", "example_sensors", "example_grouped_files",
                    "example_mapped_files");
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
        }
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
