package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestJars;

/**
 * Issue 15 must-show: three server nodes on one PostgreSQL, producers finishing on all of them at
 * once and external events posted to all of them at once. Every asset event is consumed by exactly
 * one run of the consumer (none lost, none twice), and no consumer run exists without events: the
 * count-checked delete of the queue in the run's transaction lets only one node create each run.
 */
@Tag("cluster")
class AssetEventsClusterTest {

    private static final int PRODUCERS = 3;
    private static final int RUNS_EACH = 4;
    private static final int POSTS_PER_NODE = 10;
    private static final String URI = "cluster://warehouse/orders";

    @Test
    void every_event_from_concurrent_producers_on_three_nodes_is_consumed_by_exactly_one_consumer_run() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(Map.of("ORCHESTRATOR_SWEEP_INTERVAL_MS", "500"))) {
            TestJars.provider(cluster.home().resolve("dags").resolve("assets.jar"), "assets", """
                    org.orchestrator.api.Asset orders = org.orchestrator.api.Asset.of("%s");
                    List<Dag> dags = new java.util.ArrayList<>();
                    for (int i = 0; i < %d; i++) {
                        dags.add(Dag.builder("producer_" + i).maxActiveRuns(100).task("load", ctx -> { }, t -> t.outlets(orders)).build());
                    }
                    dags.add(Dag.builder("consumer").schedule(Schedule.onAssets(orders)).maxActiveRuns(1000)
                            .task("report", ctx -> { }).build());
                    return dags;
                    """.formatted(URI, PRODUCERS));
            List<ServerProcess> nodes = List.of(cluster.start("node-a", "server"), cluster.start("node-b", "server"),
                    cluster.start("node-c", "server"));
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.engineCount("SELECT count(*) FROM dag_schedule_asset") == 1);

            ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) {
                    ServerProcess node = nodes.get(n);
                    int index = n;
                    sent.add(pool.submit(() -> {
                        for (int i = 0; i < Math.max(RUNS_EACH, POSTS_PER_NODE); i++) {
                            if (i < RUNS_EACH) {
                                cluster.trigger(node, "producer_" + index, "run_" + i);
                            }
                            if (i < POSTS_PER_NODE) {
                                var answer = node.post("/api/v1/assets/events", ClusterFixture.ADMIN,
                                        "{\"asset_uri\": \"" + URI + "\", \"extra\": {\"from\": \"" + index + "\"}}");
                                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long events = (long) PRODUCERS * RUNS_EACH + (long) nodes.size() * POSTS_PER_NODE;

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    cluster.engineCount("SELECT count(*) FROM asset_event") == events
                            && cluster.engineCount("SELECT count(*) FROM asset_dag_run_queue") == 0);

            assertThat(cluster.engineCount("SELECT count(*) FROM asset_event WHERE source_dag_id LIKE 'producer_%'"))
                    .isEqualTo((long) PRODUCERS * RUNS_EACH);
            assertThat(cluster.engineCount("SELECT count(*) FROM dag_run_asset_event")).as("events consumed").isEqualTo(events);
            assertThat(cluster.engineCount("SELECT count(DISTINCT event_id) FROM dag_run_asset_event")).as("distinct events consumed")
                    .isEqualTo(events);
            long runs = cluster.engineCount("SELECT count(*) FROM dag_run WHERE dag_id = 'consumer'");
            assertThat(runs).isBetween(1L, events);
            assertThat(cluster.engineCount("SELECT count(*) FROM dag_run r WHERE r.dag_id = 'consumer' AND r.run_type = 'asset_triggered' "
                    + "AND EXISTS (SELECT 1 FROM dag_run_asset_event l WHERE l.run_id = r.id)")).as("runs with their events").isEqualTo(runs);
        }
    }
}
