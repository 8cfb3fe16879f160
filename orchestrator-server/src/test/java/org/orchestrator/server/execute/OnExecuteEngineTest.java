package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/** Issue 14: onExecute callbacks run in every try, just before the task's code; one that throws is logged, not fatal. */
class OnExecuteEngineTest {

    @Test
    void on_execute_runs_before_the_code_of_every_try_and_a_throwing_one_does_not_stop_the_task() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Dag dag = Dag.builder("audited")
                .task("load", ctx -> {
                    seen.add("execute " + ctx.tryNumber());
                    if (ctx.tryNumber() == 1) {
                        throw new IllegalStateException("first try fails");
                    }
                }, t -> t.retries(1).retryDelay(Duration.ZERO)
                        .onExecute(e -> seen.add("on_execute " + e.taskId() + " try " + e.tryNumber() + " " + e.state().wireName()))
                        .onExecute(e -> {
                            throw new IllegalStateException("audit service down");
                        }))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("audited", Map.of());
            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(run, "load")).isEqualTo(TaskState.SUCCESS);
            assertThat(seen).containsExactly("on_execute load try 1 running", "execute 1",
                    "on_execute load try 2 running", "execute 2");
            assertThat(engine.log(run, "load", 2)).contains("onExecute callback failed; running the task anyway")
                    .contains("audit service down");
        }
    }
}
