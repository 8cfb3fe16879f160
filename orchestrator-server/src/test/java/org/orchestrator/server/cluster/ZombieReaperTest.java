package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.StaleWrites;
import org.orchestrator.server.testing.TestEngine;

/** A zombie found by several sweeps before its failure is written is failed once, and no write is rejected as stale. */
class ZombieReaperTest {

    @Test
    void a_zombie_seen_again_while_its_failure_is_still_queued_is_reaped_once() {
        CountDownLatch release = new CountDownLatch(1);
        Dag dag = Dag.builder("haunted")
                .task("hold", ctx -> release.await(60, TimeUnit.SECONDS))
                .task("ghost", ctx -> { })
                .chain("hold", "ghost")
                .build();
        // No background sweeps: the two passes below are the only ones between the zombie's appearance and its failure.
        try (TestEngine engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_SWEEP_INTERVAL_MS", "600000"), dag)) {
            DagRunRow run = engine.trigger("haunted", Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "hold") == TaskState.RUNNING);
            long ghost = engine.instances(run).get("ghost").id();
            // As a node that died while running it left it: running try 1 on a node that is not registered.
            engine.orchestrator().database().jdbi().useHandle(h -> h.execute("UPDATE task_instance SET state = 'running', "
                    + "try_number = 1, node = 'gone@1', start_date = ? WHERE id = ?", Instant.now(), ghost));
            long staleBefore = StaleWrites.count();

            try (Handle blocker = engine.orchestrator().database().jdbi().open()) {
                // Holds the row, so the zombie's failure waits in the completer while sweeps run.
                blocker.begin();
                blocker.execute("UPDATE task_instance SET priority_weight = priority_weight WHERE id = ?", ghost);
                engine.orchestrator().sweeper().runOnce();
                engine.orchestrator().sweeper().runOnce();
                blocker.rollback();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "ghost") == TaskState.FAILED);
            await("no write rejected as stale").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> StaleWrites.count() == staleBefore);
            assertThat(engine.tries(run, "ghost")).singleElement()
                    .satisfies(t -> assertThat(t.error()).contains("zombie: node gone@1 stopped heartbeating"));
            release.countDown();
        }
    }
}
