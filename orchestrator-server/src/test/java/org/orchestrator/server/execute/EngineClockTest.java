package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.testing.SettableClock;
import org.orchestrator.server.testing.TestEngine;

/** {@code Orchestrator.start(config, options, pinned, clock)}: every time the engine records comes from its clock. */
class EngineClockTest {

    private static final Instant FROZEN = Instant.parse("2031-05-04T03:02:01Z");

    @Test
    void a_run_and_its_tries_are_dated_by_the_engine_s_clock_not_the_wall_clock() {
        Dag dag = Dag.builder("clocked").task("a", ctx -> { }).task("b", ctx -> { }, t -> t.upstream("a")).build();
        try (TestEngine engine = TestEngine.start(new SettableClock(FROZEN), dag)) {
            DagRunRow run = engine.trigger("clocked", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            DagRunRow finished = engine.run(run);
            assertThat(finished.logicalDate()).isEqualTo(FROZEN);
            assertThat(finished.queuedAt()).isEqualTo(FROZEN);
            assertThat(finished.startDate()).isEqualTo(FROZEN);
            assertThat(finished.endDate()).isEqualTo(FROZEN);
            for (TaskInstanceRow ti : engine.instances(run).values()) {
                assertThat(ti.state()).isEqualTo(TaskState.SUCCESS);
                assertThat(ti.startDate()).isEqualTo(FROZEN);
                assertThat(ti.endDate()).isEqualTo(FROZEN);
            }
        }
    }
}
