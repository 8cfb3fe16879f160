package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.ServerProcess;

/**
 * Must-show 4 of the cluster issue, on real PostgreSQL with a scheduler/webserver node that runs
 * no tasks and two worker nodes. A worker stopped with SIGTERM lets its running tries finish and
 * leaves the cluster; a worker frozen with {@code kill -STOP} for three node timeouts is declared
 * dead, its tries run again on the other worker, and every outcome it writes once continued is
 * rejected by the fence and counted.
 */
@Tag("cluster")
class WorkerLeavesClusterTest {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);

    private static ClusterFixture cluster(String taskMillis) throws java.sql.SQLException {
        return new ClusterFixture(Map.of("ORCHESTRATOR_PARALLELISM", "4", "TASK_MILLIS", taskMillis,
                "ORCHESTRATOR_NODE_TIMEOUT_SECONDS", Long.toString(NODE_TIMEOUT.toSeconds()), "ORCHESTRATOR_HEARTBEAT_MS", "1000",
                "ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS", "30"));
    }

    @Test
    void sigterm_lets_a_workers_running_tries_finish_there_and_the_worker_leaves_the_cluster() throws Exception {
        try (ClusterFixture cluster = cluster("3000")) {
            ClusterDags.ledgerDag(cluster.home().resolve("dags"), "slow", 8, 1);
            ServerProcess boss = cluster.start("boss", "scheduler,webserver");
            ServerProcess worker1 = cluster.start("worker-1", "worker");
            cluster.start("worker-2", "worker");
            cluster.trigger(boss, "slow", "r1");
            await().atMost(Duration.ofSeconds(30)).until(() -> runningOn(cluster, "worker-1").size() >= 2);
            List<String> running = runningOn(cluster, "worker-1");

            int exit = worker1.terminate(Duration.ofSeconds(40));

            assertThat(exit).as("exit status after SIGTERM").isIn(0, 143);
            for (String task : running) {
                assertThat(cluster.engineRows("SELECT state, try_number FROM task_instance WHERE task_id = ?", task))
                        .as("task %s, running on worker-1 at SIGTERM", task).containsExactly(List.of("success", "1"));
                assertThat(cluster.engineCount("SELECT count(*) FROM task_try t JOIN task_instance i ON i.id = t.ti_id "
                        + "WHERE i.task_id = ? AND t.node LIKE 'worker-1@%' AND t.state = 'success'", task)).isEqualTo(1);
            }
            assertThat(cluster.engineCount("SELECT count(*) FROM node WHERE node_id LIKE 'worker-1@%'")).isZero();
            assertThat(Files.readString(worker1.output())).contains("left the cluster");
            assertThat(boss.get("/api/v1/health", null).body()).doesNotContain("worker-1@").contains("worker-2@");
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.engineCount("SELECT count(*) FROM dag_run WHERE state = 'success'") == 1);
        }
    }

    @Test
    void a_worker_frozen_for_three_node_timeouts_has_its_tries_run_elsewhere_and_its_late_writes_rejected() throws Exception {
        try (ClusterFixture cluster = cluster("4000")) {
            ClusterDags.ledgerDag(cluster.home().resolve("dags"), "slow", 8, 1);
            ServerProcess boss = cluster.start("boss", "scheduler,webserver");
            ServerProcess worker1 = cluster.start("worker-1", "worker");
            ServerProcess worker2 = cluster.start("worker-2", "worker");
            cluster.trigger(boss, "slow", "r1");
            await().atMost(Duration.ofSeconds(30)).until(() -> runningOn(cluster, "worker-2").size() >= 2);
            worker2.signal("STOP");
            int frozenTries = runningOn(cluster, "worker-2").size();
            try {
                await().atMost(NODE_TIMEOUT.multipliedBy(4)).until(() -> boss.get("/api/v1/health", null).body().contains("\"dead\""));
                // Frozen for three node timeouts in all, whatever happens meanwhile: the scenario's length, not a wait for a condition.
                Thread.sleep(NODE_TIMEOUT.multipliedBy(3).toMillis());
            } finally {
                worker2.signal("CONT");
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.engineCount("SELECT count(*) FROM dag_run WHERE state = 'success'") == 1);
            long reaped = cluster.engineCount("SELECT count(*) FROM task_try WHERE node LIKE 'worker-2@%' AND error LIKE 'zombie: node worker-2@% stopped heartbeating'");
            assertThat(reaped).as("worker-2's tries failed as zombies").isEqualTo(frozenTries);
            await().atMost(Duration.ofSeconds(30)).until(() -> staleWrites(worker2) == reaped);
            assertThat(cluster.engineCount("SELECT count(*) FROM task_try WHERE node LIKE 'worker-2@%' AND state = 'success'"))
                    .as("successes recorded for the frozen worker").isZero();
            assertThat(cluster.engineCount("SELECT count(*) FROM task_instance WHERE state = 'success' AND node LIKE 'worker-1@%'")).isEqualTo(8);
            assertThat(Files.readString(worker2.output())).contains("rejected stale outcome");
            assertThat(worker1.get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    private static List<String> runningOn(ClusterFixture cluster, String name) throws java.sql.SQLException {
        return cluster.engineRows("SELECT task_id FROM task_instance WHERE state = 'running' AND node LIKE ?", name + "@%")
                .stream().map(List::getFirst).toList();
    }

    private static long staleWrites(ServerProcess node) throws java.io.IOException {
        String body = node.get("/health", null).body();
        var matcher = java.util.regex.Pattern.compile("\"stale_writes\":(\\d+)").matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
