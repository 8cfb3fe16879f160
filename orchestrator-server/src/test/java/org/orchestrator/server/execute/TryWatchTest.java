package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.StaleWrites;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TryStops;
import org.orchestrator.server.testing.TestEngine;

/**
 * A node learns from the database alone that its running try lost its instance — a change made
 * by the CLI, another node or any other writer, with no call into this node's executor — and
 * stops the try within one heartbeat of tries.
 */
class TryWatchTest {

    private static final List<String> LEDGER = new CopyOnWriteArrayList<>();
    private TestEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Dag dag() {
        return Dag.builder("watched").task("work", TryWatchTest::work).build();
    }

    private static void work(TaskContext ctx) throws InterruptedException {
        LEDGER.add(ctx.runId() + " start " + ctx.tryNumber());
        try {
            Thread.sleep(Duration.ofMinutes(1));
        } finally {
            LEDGER.add(ctx.runId() + " end " + ctx.tryNumber());
        }
    }

    @Test
    void a_mark_written_straight_to_the_database_stops_the_try_within_a_heartbeat() {
        engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_HEARTBEAT_MS", "500"), dag());
        DagRunRow run = engine.trigger("watched", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> LEDGER.contains(run.runId() + " start 1"));
        long staleBefore = StaleWrites.count();

        Instant markedAt = Instant.now();
        engine.orchestrator().database().transactions().useTransaction(h -> {
            var ti = new TaskInstances().ofRun(h, run.id()).get("work");
            assertThat(new TaskInstances().mark(h, ti, TaskState.FAILED, Instant.now())).isTrue();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> LEDGER.contains(run.runId() + " end 1"));
        assertThat(Duration.between(markedAt, Instant.now())).as("stopped within a few heartbeats of 500 ms")
                .isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.tries(run, "work").getFirst().endDate() != null);
        assertThat(engine.state(run, "work")).isEqualTo(TaskState.FAILED);
        assertThat(engine.tries(run, "work")).singleElement().satisfies(t ->
                assertThat(t.error()).isEqualTo("stopped: marked failed while this try ran"));
        assertThat(StaleWrites.count()).as("a stopped try's own outcome is not a stale write").isEqualTo(staleBefore);
    }

    @Test
    void a_run_deleted_straight_from_the_database_stops_its_try() {
        engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_HEARTBEAT_MS", "500"), dag());
        DagRunRow run = engine.trigger("watched", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> LEDGER.contains(run.runId() + " start 1"));
        long lostBefore = TryStops.lostCount();

        engine.orchestrator().database().jdbi().useTransaction(h -> h.createUpdate("DELETE FROM dag_run WHERE id = :id").bind("id", run.id()).execute());

        await().atMost(Duration.ofSeconds(10)).until(() -> LEDGER.contains(run.runId() + " end 1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.orchestrator().executor().inFlight() == 0);
        assertThat(TryStops.lostCount()).as("no stop was declared lost").isEqualTo(lostBefore);
    }
}
