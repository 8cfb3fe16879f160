package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.ServerProcess;

/**
 * Must-show 1 of the cluster issue: three node JVMs on one PostgreSQL run 2,000 tasks (50 runs of
 * 40); one node is killed with {@code kill -9} mid-way. With the default heartbeat and node timeout,
 * its orphaned tries are re-queued by the others, every instance ends {@code success}, and the
 * tasks' own ledger shows no task instance ever ran two tries at once.
 */
@Tag("cluster")
class NodeKillClusterTest {

    private static final int RUNS = 50;

    @Test
    void after_kill_9_of_one_node_of_three_every_task_succeeds_and_no_instance_ran_twice_at_once() throws Exception {
        // Default ORCHESTRATOR_HEARTBEAT_MS and ORCHESTRATOR_NODE_TIMEOUT_SECONDS: the figure below is the default's.
        try (ClusterFixture cluster = new ClusterFixture(Map.of("ORCHESTRATOR_PARALLELISM", "8", "TASK_MILLIS", "200"))) {
            ClusterDags.ledgerDag(cluster.home().resolve("dags"), "ledger", 4, 10);
            ServerProcess a = cluster.start("node-a", "server");
            cluster.start("node-b", "server");
            ServerProcess c = cluster.start("node-c", "server");
            for (int i = 0; i < RUNS; i++) {
                cluster.trigger(a, "ledger", "run_" + i);
            }
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    cluster.ledgerCount("SELECT count(*) FROM ledger WHERE ended_at IS NOT NULL") >= 500
                            && orphansOf(cluster, "node-c") > 0);

            Instant killedAt = Instant.now();
            c.killHard();
            long orphansAtKill = orphansOf(cluster, "node-c");
            long runningAtKill = cluster.engineCount("SELECT count(*) FROM task_instance WHERE node LIKE 'node-c@%' AND state = 'running'");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> orphansOf(cluster, "node-c") == 0);
            Duration requeue = Duration.between(killedAt, Instant.now());
            System.out.printf("kill -9 -> last of %d orphaned tries re-queued: %d ms%n", orphansAtKill, requeue.toMillis());

            await().atMost(Duration.ofSeconds(180)).until(() ->
                    cluster.engineCount("SELECT count(*) FROM task_instance WHERE state = 'success'") == RUNS * 40L);

            assertThat(orphansAtKill).isPositive();
            assertThat(requeue).isLessThan(Duration.ofSeconds(30));
            assertThat(cluster.engineCount("SELECT count(*) FROM task_instance")).isEqualTo(RUNS * 40L);
            assertThat(cluster.engineCount("SELECT count(*) FROM dag_run WHERE state = 'success'")).isEqualTo(RUNS);
            assertThat(cluster.engineCount("SELECT count(*) FROM task_try WHERE node LIKE 'node-c@%' AND error LIKE 'zombie: node node-c@% stopped heartbeating'"))
                    .as("the killed node's running tries record why they were retried").isEqualTo(runningAtKill);
            assertThat(cluster.ledgerCount("SELECT count(DISTINCT idem_key) FROM ledger WHERE ended_at IS NOT NULL")).isEqualTo(RUNS * 40L);
            assertThat(cluster.ledgerCount("SELECT count(DISTINCT node) FROM ledger")).isEqualTo(3);
            assertThat(overlappingTries(cluster, killedAt)).as("pairs of tries of one instance that overlapped in time").isZero();
        }
    }

    /** Instances the node holds: claimed (queued) or running. */
    private static long orphansOf(ClusterFixture cluster, String name) throws java.sql.SQLException {
        return cluster.engineCount("SELECT count(*) FROM task_instance WHERE node LIKE ? AND state IN ('queued', 'running')", name + "@%");
    }

    /**
     * Two ledger rows of one idempotency key whose [start, end) intersect. A row the killed node
     * never finished ends at the kill; an unfinished row of a live node never ends (so it counts).
     */
    private static long overlappingTries(ClusterFixture cluster, Instant killedAt) throws java.sql.SQLException {
        java.time.OffsetDateTime kill = killedAt.atOffset(java.time.ZoneOffset.UTC);
        return cluster.ledgerCount("""
                WITH t AS (SELECT id, idem_key, started_at,
                             COALESCE(ended_at, CASE WHEN node = 'node-c' THEN CAST(? AS TIMESTAMPTZ) ELSE 'infinity' END) AS ended
                           FROM ledger)
                SELECT count(*) FROM t a JOIN t b ON a.idem_key = b.idem_key AND a.id < b.id
                WHERE a.started_at < b.ended AND b.started_at < a.ended""", kill);
    }
}
