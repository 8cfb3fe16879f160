package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.RunType;

/**
 * {@code PATCH /api/v1/dags/{dag_id}} over HTTP governs the scheduler: a DAG paused through the API
 * gets no scheduled runs, and unpausing it brings them back. Its own server, because its DAG ticks
 * every second.
 */
class DagPauseApiTest {

    private static final String DAG = "every_second";

    private static Dag everySecond() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        return Dag.builder(DAG).schedule(Schedule.every(Duration.ofSeconds(1))).startDate(start).catchup(false)
                .maxActiveRuns(64).task("tick", ctx -> { }).build();
    }

    private static List<DagRunRow> scheduledRuns(ApiFixture api) {
        return api.engine().orchestrator().database().transactions().withHandle(h -> new DagRuns().ofDag(h, DAG, 1000, 0)).stream()
                .filter(r -> r.runType() == RunType.SCHEDULED).toList();
    }

    @Test
    void pausing_over_http_stops_scheduled_runs_and_unpausing_resumes_them() {
        try (ApiFixture api = ApiFixture.start(everySecond())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(api).size() >= 2);

            ApiClient.Response paused = api.as(ApiFixture.OP).patch("/api/v1/dags/" + DAG, "{\"is_paused\": true}");
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.json().get("is_paused").asBoolean()).isTrue();
            int atPause = scheduledRuns(api).size();

            // A trigger that fired just before the pause was stored may still be creating its run:
            // at most that one more. A ticking DAG that ignored the pause would add about three here.
            await("at most " + (atPause + 1) + " scheduled runs for 3 s after the pause")
                    .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> scheduledRuns(api).size() <= atPause + 1);
            int whilePaused = scheduledRuns(api).size();
            assertThat(whilePaused).as("scheduled runs while paused").isBetween(atPause, atPause + 1);

            Instant unpausedAt = Instant.now();
            ApiClient.Response unpaused = api.as(ApiFixture.OP).patch("/api/v1/dags/" + DAG, "{\"is_paused\": false}");
            assertThat(unpaused.status()).isEqualTo(200);
            assertThat(unpaused.json().get("is_paused").asBoolean()).isFalse();

            await("a scheduled run after the unpause").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> scheduledRuns(api).stream().anyMatch(r -> !r.queuedAt().isBefore(unpausedAt)));
            assertThat(scheduledRuns(api).size()).isGreaterThan(whilePaused);
        }
    }
}
