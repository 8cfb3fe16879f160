package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Must-show 3 of the cluster issue: three scheduler nodes share one clustered Quartz job store;
 * 20 DAGs scheduled every second for 60 s get exactly one run per interval, none missing. The
 * unique (dag, logical date) constraint makes a second run impossible; this test proves that the
 * nodes also never lose an interval while they compete for the triggers.
 */
@Tag("cluster")
class ScheduleOnceClusterTest {

    private static final int DAGS = 20;
    private static final int SECONDS = 60;

    @Test
    void twenty_dags_every_second_on_three_nodes_get_exactly_one_run_per_interval_for_a_minute() throws Exception {
        try (ClusterFixture cluster = new ClusterFixture(Map.of())) {
            cluster.start("node-a", "server");
            cluster.start("node-b", "server");
            cluster.start("node-c", "server");
            // The DAGs appear on all three nodes at once, as a deployment to a shared folder would.
            Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
            ClusterDags.everySecond(cluster.home().resolve("dags"), DAGS, start);
            Instant end = start.plusSeconds(SECONDS);

            await().atMost(Duration.ofSeconds(SECONDS + 60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    cluster.engineCount("SELECT count(*) FROM dag_run WHERE logical_date >= ? AND logical_date < ?",
                            ts(start), ts(end)) >= (long) DAGS * SECONDS && Instant.now().isAfter(end.plusSeconds(2)));

            List<Long> expected = IntStream.range(0, SECONDS).mapToObj(k -> start.getEpochSecond() + k).toList();
            for (int i = 0; i < DAGS; i++) {
                String dagId = String.format("sched_%02d", i);
                List<Long> seconds = cluster.engineRows("SELECT CAST(EXTRACT(EPOCH FROM logical_date) AS BIGINT) FROM dag_run "
                        + "WHERE dag_id = ? AND logical_date >= ? AND logical_date < ? ORDER BY logical_date", dagId, ts(start), ts(end))
                        .stream().map(row -> Long.parseLong(row.getFirst())).toList();
                assertThat(seconds).as("logical dates of %s, in epoch seconds", dagId).containsExactlyElementsOf(expected);
            }
            assertThat(cluster.engineCount("SELECT count(*) FROM dag_run WHERE logical_date >= ? AND logical_date < ?", ts(start), ts(end)))
                    .isEqualTo((long) DAGS * SECONDS);
            assertThat(cluster.engineCount("SELECT count(*) - count(DISTINCT (dag_id, logical_date)) FROM dag_run"))
                    .as("runs sharing a DAG and logical date").isZero();
        }
    }

    private static java.time.OffsetDateTime ts(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
