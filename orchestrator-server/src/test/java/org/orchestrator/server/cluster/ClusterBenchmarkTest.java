package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 6's benchmark with real node JVMs on the tests' PostgreSQL: one run of 10,000 no-op
 * tasks, from trigger to the run's success, on one node and on three. Prints the figures and
 * how the tasks spread over the nodes; run on demand ({@code -Dbench=true}).
 */
@Tag("cluster")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ClusterBenchmarkTest {

    private static final int TASKS = 10_000;

    /** @return count, mean and max of the node's claim timer (the locking read and the update) */
    private static String claimFigures(String scrape) {
        Map<String, Double> values = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^orchestrator_claim_seconds_(count|sum|max) (\\S+)$").matcher(scrape);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(values).containsKeys("count", "sum", "max");
        return String.format("%.0f claims, mean %.2f ms, max %.1f ms", values.get("count"),
                1000 * values.get("sum") / values.get("count"), 1000 * values.get("max"));
    }

    @Test
    void no_op_throughput_on_one_and_on_three_nodes() throws Exception {
        for (int nodes : List.of(1, 3)) {
            try (ClusterFixture cluster = new ClusterFixture(Map.of("ORCHESTRATOR_PARALLELISM", "256"))) {
                TestSources.write(cluster.home().resolve("dags").resolve("wide.java"), TestSources.provider("wide", """
                        Dag.Builder dag = Dag.builder("wide").maxActiveTasks(%d);
                        for (int i = 0; i < %d; i++) {
                            dag.task("t" + i, ctx -> { });
                        }
                        return List.of(dag.build());
                        """.formatted(TASKS, TASKS)));
                List<ServerProcess> started = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    started.add(cluster.start("node-" + i, "server"));
                }
                for (ServerProcess node : started) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> node.get("/api/v1/dags/wide", ClusterFixture.ADMIN).statusCode() == 200);
                }
                ServerProcess first = started.getFirst();
                assertThat(first.patch("/api/v1/pools/default_pool", ClusterFixture.ADMIN, "{\"slots\": 1000000}").statusCode()).isEqualTo(200);
                long begin = System.nanoTime();
                cluster.trigger(first, "wide", "bench");
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                        cluster.engineCount("SELECT count(*) FROM dag_run WHERE run_id = 'bench' AND state = 'success'") == 1);
                double seconds = (System.nanoTime() - begin) / 1e9;
                System.out.printf("%d node(s) on PostgreSQL: %d no-op tasks in %.2f s = %.0f tasks/s; tasks per node %s%n",
                        nodes, TASKS, seconds, TASKS / seconds,
                        cluster.engineRows("SELECT node, count(*) FROM task_instance GROUP BY node ORDER BY node"));
                for (ServerProcess node : started) {
                    System.out.println("  claims on " + node.pid() + ": " + claimFigures(node.get("/metrics", ClusterFixture.ADMIN).body()));
                }
                assertThat(cluster.engineCount("SELECT count(*) FROM task_instance WHERE state = 'success'")).isEqualTo(TASKS);
            }
        }
    }
}
