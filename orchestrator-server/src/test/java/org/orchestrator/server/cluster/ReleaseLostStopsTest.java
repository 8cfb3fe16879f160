package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TryStops;
import org.orchestrator.server.testing.TestEngine;

/**
 * An instance whose earlier try was to be stopped on a node that died before stopping it does not
 * wait forever: the sweep declares the stop lost (counted) and the cleared instance runs again.
 */
class ReleaseLostStopsTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Test
    void a_stop_waited_for_on_a_dead_node_is_declared_lost_and_the_cleared_instance_runs_again() {
        Dag dag = Dag.builder("lost_stop").task("once", ctx -> RUNS.incrementAndGet()).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("lost_stop", Map.of());
            engine.awaitFinished(run, Duration.ofSeconds(30));
            long lostBefore = TryStops.lostCount();
            // As a mark leaves it when the node running try 1 dies before stopping it.
            engine.orchestrator().database().jdbi().useTransaction(h -> h.createUpdate("UPDATE task_instance SET state = 'failed', "
                    + "stopping_try = 1, node = 'gone@00000000' WHERE run_pk = :run").bind("run", run.id()).execute());

            engine.orchestrator().database().transactions().useTransaction(h ->
                    new TaskInstances().clear(h, new TaskInstances().ofRun(h, run.id()).get("once"), 0));
            engine.orchestrator().database().jdbi().useTransaction(h -> h.createUpdate("UPDATE dag_run SET state = 'queued' WHERE id = :id")
                    .bind("id", run.id()).execute());

            await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "once") == TaskState.SUCCESS
                    && engine.instances(run).get("once").tryNumber() == 2);
            assertThat(RUNS.get()).isEqualTo(2);
            assertThat(TryStops.lostCount()).isEqualTo(lostBefore + 1);
        }
    }
}
