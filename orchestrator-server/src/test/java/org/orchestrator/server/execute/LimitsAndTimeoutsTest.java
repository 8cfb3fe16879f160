package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Pools;
import org.orchestrator.server.testing.TestEngine;

class LimitsAndTimeoutsTest {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxSeen = new AtomicInteger();

    /** A task that holds its slot a little while and records how many ran at once. */
    private Task occupy() {
        return ctx -> {
            maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(120);
            } finally {
                running.decrementAndGet();
            }
        };
    }

    @Test
    void max_active_tasks_is_never_exceeded() {
        Dag.Builder builder = Dag.builder("bounded").maxActiveTasks(3);
        for (int i = 0; i < 12; i++) {
            builder.task("t" + i, occupy());
        }
        try (TestEngine engine = TestEngine.start(builder.build())) {
            DagRunRow run = engine.trigger("bounded", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(maxSeen.get()).isEqualTo(3);
        }
    }

    @Test
    void a_pool_bounds_tries_across_dags() {
        Dag first = pooled("pooled_a");
        Dag second = pooled("pooled_b");
        try (TestEngine engine = TestEngine.start(first, second)) {
            engine.orchestrator().database().transactions().useHandle(h -> new Pools().put(h, "small", 2, "two slots"));
            DagRunRow a = engine.trigger("pooled_a", Map.of());
            DagRunRow b = engine.trigger("pooled_b", Map.of());

            assertThat(engine.awaitState(a)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.awaitState(b)).isEqualTo(DagRunState.SUCCESS);
            assertThat(maxSeen.get()).isEqualTo(2);
        }
    }

    private Dag pooled(String id) {
        Dag.Builder builder = Dag.builder(id).maxActiveTasks(16);
        for (int i = 0; i < 6; i++) {
            builder.task("t" + i, occupy(), t -> t.pool("small"));
        }
        return builder.build();
    }

    @Test
    void scarce_slots_go_to_the_highest_priority_first() {
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Dag.Builder builder = Dag.builder("prioritised");
        for (int i = 0; i < 4; i++) {
            String low = "low" + i;
            String high = "high" + i;
            builder.task(low, ctx -> order.add(low), t -> t.priorityWeight(1));
            builder.task(high, ctx -> order.add(high), t -> t.priorityWeight(10));
        }
        try (TestEngine engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_PARALLELISM", "1"), builder.build())) {
            DagRunRow run = engine.trigger("prioritised", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(order.subList(0, 4)).allMatch(id -> id.startsWith("high"));
            assertThat(order.subList(4, 8)).allMatch(id -> id.startsWith("low"));
        }
    }

    @Test
    void execution_timeout_interrupts_the_task_and_fails_the_try() {
        AtomicInteger interrupted = new AtomicInteger();
        Dag dag = Dag.builder("slow")
                .task("sleepy", ctx -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                }, t -> t.executionTimeout(Duration.ofMillis(300)))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("slow", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.state(run, "sleepy")).isEqualTo(TaskState.FAILED);
            assertThat(engine.tries(run, "sleepy").getFirst().error()).contains("execution timeout of PT0.3S exceeded");
            assertThat(engine.log(run, "sleepy", 1)).contains("execution timeout");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.get() == 1);
        }
    }
}
