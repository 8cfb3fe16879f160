package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.testkit.PostgresServer;
import org.orchestrator.server.testing.ServerProcess;

/**
 * Must-show 2 of the cluster issue: PostgreSQL stops (as a crash would) for 10 s in the middle of
 * a run on three nodes, then comes back. Every node reports unhealthy meanwhile, recovers without a
 * restart, and every run completes; no node is declared dead, no run is created twice, and no
 * try completed more than once.
 */
@Tag("cluster")
class DatabaseOutageClusterTest {

    private static final int RUNS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void nodes_survive_a_10_second_database_outage_and_every_run_completes_with_each_task_done_once() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        try (ClusterFixture cluster = new ClusterFixture(Map.of("ORCHESTRATOR_PARALLELISM", "8", "TASK_MILLIS", "300"))) {
            ClusterDags.ledgerDag(cluster.home().resolve("dags"), "ledger", 4, 10);
            ServerProcess a = cluster.start("node-a", "server");
            ServerProcess b = cluster.start("node-b", "server");
            ServerProcess c = cluster.start("node-c", "server");
            for (int i = 0; i < RUNS; i++) {
                cluster.trigger(a, "ledger", "run_" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.ledgerCount("SELECT count(*) FROM ledger WHERE ended_at IS NOT NULL") >= 80);

            long stoppedAt = System.nanoTime();
            pg.stop();
            try {
                for (ServerProcess node : new ServerProcess[] {a, b, c}) {
                    await().atMost(OUTAGE).until(() -> node.get("/health", null).statusCode() == 503);
                }
                assertThat(a.get("/health", null).body()).contains("database unreachable");
                // The outage itself lasts its full length: nothing to wait for here but the clock.
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
            } finally {
                pg.start();
            }

            for (ServerProcess node : new ServerProcess[] {a, b, c}) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/health", null).statusCode() == 200);
            }
            try {
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        cluster.engineCount("SELECT count(*) FROM dag_run WHERE state = 'success'") == RUNS);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                for (ServerProcess node : new ServerProcess[] {a, b, c}) {
                    System.out.println("=== threads of node " + node.pid() + "\n" + node.threadDump());
                }
                System.out.println("=== unfinished: " + cluster.engineRows("SELECT run_id, task_id, state, node, try_number "
                        + "FROM task_instance WHERE state <> 'success'"));
                throw e;
            }

            assertThat(cluster.engineCount("SELECT count(*) FROM dag_run")).isEqualTo(RUNS);
            assertThat(cluster.engineCount("SELECT count(*) FROM task_instance WHERE state = 'success'")).isEqualTo(RUNS * 40L);
            assertThat(cluster.engineCount("SELECT count(*) FROM task_try WHERE error LIKE 'zombie%'"))
                    .as("no node was declared dead because of the outage").isZero();
            // The ledger lives on the server that is stopped: a task's own ledger write can commit just
            // as the connection drops, so the task sees a failure and its retry ends again. Only the same
            // try ending twice would mean the engine ran work twice.
            assertThat(cluster.ledgerCount("SELECT count(*) FROM (SELECT idem_key FROM ledger WHERE ended_at IS NOT NULL "
                    + "GROUP BY idem_key, try_number HAVING count(*) > 1) twice")).as("tries that completed twice").isZero();
            assertThat(cluster.ledgerCount("SELECT count(DISTINCT idem_key) FROM ledger WHERE ended_at IS NOT NULL")).isEqualTo(RUNS * 40L);
            assertThat(cluster.engineCount("SELECT count(*) FROM node")).as("all three still registered").isEqualTo(3);
            assertThat(a.get("/api/v1/health", null).body()).doesNotContain("\"dead\"");
        }
    }
}
