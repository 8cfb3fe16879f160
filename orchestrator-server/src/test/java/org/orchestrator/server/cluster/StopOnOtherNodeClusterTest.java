package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestJars;

/**
 * Two node JVMs on one PostgreSQL: a clear made through the API of a webserver node stops the try
 * running on the worker node, which learns it from the database within its heartbeat (2 s by
 * default); the next try starts only after the first has ended, as the tasks' own ledger shows.
 */
@Tag("cluster")
class StopOnOtherNodeClusterTest {

    @Test
    void a_clear_made_on_one_node_stops_the_try_on_another_before_the_next_try_starts() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(Map.of())) {
            stoppableDag(cluster.home().resolve("dags"));
            cluster.start("node-w", "scheduler,worker");
            ServerProcess web = cluster.start("node-web", "webserver");
            cluster.trigger(web, "stoppable", "s1");
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.ledgerCount("SELECT count(*) FROM ledger") == 1);

            Instant clearedAt = Instant.now();
            var cleared = web.post("/api/v1/dags/stoppable/clearTaskInstances", ClusterFixture.ADMIN,
                    "{\"dag_run_id\": \"s1\", \"only_failed\": false, \"dry_run\": false}");

            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.ledgerCount("SELECT count(*) FROM ledger WHERE try_number = 1 AND ended_at IS NOT NULL") == 1);
            Duration stoppedAfter = Duration.between(clearedAt, Instant.now());
            System.out.printf("clear on node-web -> try stopped on node-w after %d ms%n", stoppedAfter.toMillis());
            assertThat(stoppedAfter).as("within a heartbeat or two of the worker").isLessThan(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.engineCount("SELECT count(*) FROM dag_run WHERE run_id = 's1' AND state = 'success'") == 1);
            assertThat(cluster.ledgerCount("SELECT count(*) FROM ledger one JOIN ledger two ON two.try_number = 2 "
                    + "WHERE one.try_number = 1 AND one.ended_at <= two.started_at")).as("try 2 started after try 1 ended").isEqualTo(1);
            assertThat(cluster.engineCount("SELECT count(*) FROM task_try WHERE try_number = 1 AND state = 'failed' "
                    + "AND error = 'stopped: cleared while this try ran' AND end_date IS NOT NULL")).isEqualTo(1);
        }
    }

    /** {@code stoppable}: one task that records each try in the ledger; try 1 sleeps until interrupted. */
    private static Path stoppableDag(Path dagsFolder) {
        return TestJars.provider(dagsFolder.resolve("stoppable.jar"), "stoppable", """
                return List.of(Dag.builder("stoppable").task("hang", ctx -> record(ctx)).build());
                    }
                    static void record(org.orchestrator.api.TaskContext ctx) throws Exception {
                        long id = started(ctx);
                        try {
                            if (ctx.tryNumber() == 1) {
                                Thread.sleep(Duration.ofMinutes(2));
                            }
                        } finally {
                            ended(id);
                        }
                    }
                """ + ClusterDags.LEDGER_METHODS);
    }
}
