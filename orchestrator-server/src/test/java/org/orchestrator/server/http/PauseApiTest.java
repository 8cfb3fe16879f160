package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;

class PauseApiTest {

    @Test
    void pausing_over_the_api_stops_scheduled_runs_and_unpausing_resumes_them() {
        Dag ticker = Dag.builder("ticker").schedule(Schedule.every(Duration.ofSeconds(1)))
                .startDate(Instant.now().minusSeconds(3)).catchup(false).task("tick", ctx -> { }).build();
        try (ApiFixture api = ApiFixture.start(ticker)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(api) >= 2);

            assertThat(api.as(ApiFixture.OP).patch("/api/v1/dags/ticker", "{\"is_paused\": true}").status()).isEqualTo(200);
            // A trigger already firing when the pause lands may still add one run; after that, none.
            int atPause = scheduledRuns(api) + 1;
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> scheduledRuns(api) <= atPause);

            api.as(ApiFixture.OP).patch("/api/v1/dags/ticker", "{\"is_paused\": false}");
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(api) > atPause);
        }
    }

    private static int scheduledRuns(ApiFixture api) {
        int total = 0;
        for (var run : api.as(ApiFixture.VIEWER).get("/api/v1/dags/ticker/dagRuns?limit=1000").json().get("dag_runs")) {
            total += run.get("run_type").asText().equals("scheduled") ? 1 : 0;
        }
        return total;
    }
}
