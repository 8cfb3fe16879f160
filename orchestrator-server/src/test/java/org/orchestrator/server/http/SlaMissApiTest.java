package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskEvent;

/**
 * SLA misses on a real server: a run still going after its SLA is flagged once and its
 * {@code onSlaMiss} callbacks run once, with a link to the run; a run done in time is never
 * flagged. Callback events link to the dashboard page that shows the try's log.
 */
class SlaMissApiTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final List<DagRunEvent> MISSES = new CopyOnWriteArrayList<>();
    private static final List<TaskEvent> FAILURES = new CopyOnWriteArrayList<>();
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        Dag late = Dag.builder("late").sla(Duration.ofSeconds(1)).onSlaMiss(MISSES::add)
                .task("hang", ctx -> {
                    if (!RELEASE.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                }).build();
        Dag quick = Dag.builder("quick").sla(Duration.ofSeconds(5)).onSlaMiss(MISSES::add)
                .task("fast", ctx -> ctx.log().info("done")).build();
        Dag broken = Dag.builder("broken").task("boom", ctx -> {
            throw new IllegalStateException("boom");
        }, t -> t.onFailure(FAILURES::add)).build();
        api = ApiFixture.start(late, quick, broken);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        api.close();
    }

    @Test
    void a_run_past_its_sla_is_flagged_once_and_told_once_while_a_run_done_in_time_is_not() {
        RunWaits runs = new RunWaits(api);
        runs.trigger("quick", "in_time");
        runs.awaitRun("quick", "in_time", "success");
        runs.trigger("late", "overdue");

        await().atMost(Duration.ofSeconds(30)).until(() -> MISSES.size() == 1);
        JsonNode overdue = run("late", "overdue");
        assertThat(overdue.get("sla_missed").asBoolean()).isTrue();
        assertThat(Instant.parse(overdue.get("sla_missed_at").asText()))
                .isAfterOrEqualTo(Instant.parse(overdue.get("queued_at").asText()).plusSeconds(1));
        DagRunEvent miss = MISSES.get(0);
        assertThat(miss.runId()).isEqualTo("overdue");
        assertThat(miss.state()).isIn(DagRunState.RUNNING, DagRunState.QUEUED);
        assertThat(miss.runUrl()).contains("http://localhost:" + api.port() + "/dags/late?run_id=overdue");

        Instant quickDeadline = Instant.parse(run("quick", "in_time").get("queued_at").asText()).plusSeconds(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(quickDeadline));
        api.engine().orchestrator().sweeper().runOnce();
        api.engine().orchestrator().sweeper().runOnce();
        await().atMost(Duration.ofSeconds(10)).until(SlaMissApiTest::outboxEmpty);
        assertThat(MISSES).hasSize(1);
        assertThat(run("quick", "in_time").get("sla_missed").asBoolean()).isFalse();
        assertThat(run("quick", "in_time").get("sla_missed_at").isNull()).isTrue();
    }

    @Test
    void a_task_callback_links_to_the_dashboard_page_of_its_try_log() throws Exception {
        RunWaits runs = new RunWaits(api);
        runs.trigger("broken", "linked");
        runs.awaitRun("broken", "linked", "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> !FAILURES.isEmpty());

        String link = FAILURES.get(0).logUrl().orElseThrow();
        assertThat(link).isEqualTo("http://localhost:" + api.port() + "/dags/broken/runs/linked/tasks/boom?try=1");
        // The dashboard page exists: without a session it sends the browser to log in and come back.
        ApiClient.Response page = api.anonymous().get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
        assertThat(page.status()).isEqualTo(302);
        assertThat(FAILURES.get(0).resources().variable("nothing_here")).isEmpty();
    }

    private static JsonNode run(String dagId, String runId) {
        return api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + dagId + "/dagRuns/" + runId).json();
    }

    private static boolean outboxEmpty() {
        return api.engine().orchestrator().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM callback_request").mapTo(Integer.class).one()) == 0;
    }
}
