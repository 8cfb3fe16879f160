package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/**
 * A try whose node died under it is a crash: counted like any failure, and after
 * {@code ORCHESTRATOR_MAX_NODE_CRASHES} (default 2) of them the instance fails for good whatever
 * its retries. Here the node "dies" as far as the database can tell: the instance's row is handed
 * to a node that is not registered, as after a {@code kill -9} and a restart under a new
 * incarnation, so the zombie sweep reaps it (and this node's watch stops the real try).
 */
class NodeCrashLimitTest {

    @Test
    void an_instance_whose_node_died_twice_fails_for_good_although_retries_are_left() {
        Dag dag = Dag.builder("crashes")
                .defaults(d -> d.retries(5).retryDelay(Duration.ofMillis(100)))
                .task("hang", ctx -> Thread.sleep(Duration.ofMinutes(1)))
                .build();
        try (TestEngine engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_HEARTBEAT_MS", "500"), dag)) {
            DagRunRow run = engine.trigger("crashes", Map.of());

            nodeDiesWhileRunning(engine, run, 1);
            nodeDiesWhileRunning(engine, run, 2);

            await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "hang") == TaskState.FAILED);
            var tries = engine.tries(run, "hang");
            assertThat(tries).extracting(t -> t.state()).containsExactly(TaskState.UP_FOR_RETRY, TaskState.FAILED);
            assertThat(tries.get(0).error()).contains("zombie");
            assertThat(tries.get(1).error()).startsWith("the node died twice while this try ran: it may exit or crash the JVM");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.orchestrator().executor().inFlight() == 0);
        }
    }

    /** Waits until try {@code tryNumber} runs, then gives its row to a node that is gone. */
    private static void nodeDiesWhileRunning(TestEngine engine, DagRunRow run, int tryNumber) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "hang") == TaskState.RUNNING
                && engine.instances(run).get("hang").tryNumber() == tryNumber);
        engine.orchestrator().database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE task_instance SET node = 'gone@00000000' WHERE run_pk = :run AND task_id = 'hang'").bind("run", run.id()).execute());
    }

    @Test
    void the_limit_is_read_from_the_environment_and_a_bad_value_is_refused_with_its_name() {
        assertThat(CrashLimit.fromEnvironment(Map.of())).isEqualTo(new CrashLimit(2));
        assertThat(CrashLimit.fromEnvironment(Map.of("ORCHESTRATOR_MAX_NODE_CRASHES", " 3 "))).isEqualTo(new CrashLimit(3));
        assertThatThrownBy(() -> CrashLimit.fromEnvironment(Map.of("ORCHESTRATOR_MAX_NODE_CRASHES", "two")))
                .hasMessageContaining("ORCHESTRATOR_MAX_NODE_CRASHES must be a whole number");
        assertThatThrownBy(() -> CrashLimit.fromEnvironment(Map.of("ORCHESTRATOR_MAX_NODE_CRASHES", "0")))
                .hasMessageContaining("at least 1");
    }
}
