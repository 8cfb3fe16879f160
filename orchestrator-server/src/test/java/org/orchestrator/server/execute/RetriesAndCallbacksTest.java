package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.FailedTask;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.TestEngine;

class RetriesAndCallbacksTest {

    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger dagFailures = new AtomicInteger();

    @Test
    void task_failing_twice_then_succeeding_ends_success_on_try_three_after_backed_off_delays() {
        Dag dag = Dag.builder("flaky")
                .task("flaky", ctx -> {
                    if (ctx.tryNumber() < 3) {
                        throw new IllegalStateException("boom on try " + ctx.tryNumber());
                    }
                }, t -> t.retries(3).retryDelay(Duration.ofMillis(300)).exponentialBackoff(true)
                        .onRetry(e -> retries.incrementAndGet())
                        .onFailure(e -> failures.incrementAndGet())
                        .onSuccess(e -> successes.incrementAndGet()))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("flaky", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            List<TaskTries.TryRow> tries = engine.tries(run, "flaky");
            assertThat(tries).extracting(TaskTries.TryRow::state)
                    .containsExactly(TaskState.UP_FOR_RETRY, TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
            assertThat(gap(tries.get(0), tries.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(gap(tries.get(1), tries.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(engine.log(run, "flaky", 1)).contains("boom on try 1").contains("IllegalStateException");
            await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() == 1);
            assertThat(retries).hasValue(2);
            assertThat(failures).hasValue(0);
        }
    }

    @Test
    void task_out_of_retries_fails_once_marks_downstream_upstream_failed_and_fails_the_run() {
        Dag dag = Dag.builder("doomed")
                .onFailure(e -> dagFailures.incrementAndGet())
                .task("always_fails", ctx -> { throw new RuntimeException("no luck"); },
                        t -> t.retries(2).retryDelay(Duration.ofMillis(50))
                                .onRetry(e -> retries.incrementAndGet())
                                .onFailure(e -> failures.incrementAndGet()))
                .task("load", ctx -> { })
                .task("report", ctx -> { })
                .chain("always_fails", "load", "report")
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("doomed", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.tries(run, "always_fails")).hasSize(3);
            assertThat(engine.state(run, "always_fails")).isEqualTo(TaskState.FAILED);
            assertThat(engine.state(run, "load")).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(engine.state(run, "report")).isEqualTo(TaskState.UPSTREAM_FAILED);
            await().atMost(Duration.ofSeconds(10)).until(() -> failures.get() == 1 && dagFailures.get() == 1);
            assertThat(retries).hasValue(2);
        }
    }

    @Test
    void the_run_failure_event_names_each_failed_task_with_its_last_error_and_log_link() {
        AtomicReference<DagRunEvent> failed = new AtomicReference<>();
        Dag dag = Dag.builder("half_broken")
                .onFailure(failed::set)
                .task("extract", ctx -> { })
                .task("load", ctx -> { throw new IllegalStateException("table orders is missing"); }, t -> t.upstream("extract"))
                .task("check", ctx -> { throw new IllegalArgumentException("no rows"); }, t -> t.upstream("extract"))
                .task("report", ctx -> { }, t -> t.upstream("load"))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            engine.orchestrator().links().serverStarted(8080); // as the web server does; this engine has none
            DagRunRow run = engine.trigger("half_broken", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            await().atMost(Duration.ofSeconds(10)).until(() -> failed.get() != null);
            assertThat(failed.get().failedTasks()).extracting(FailedTask::taskId).containsExactlyInAnyOrder("load", "check");
            FailedTask load = failed.get().failedTasks().stream().filter(f -> f.taskId().equals("load")).findFirst().orElseThrow();
            assertThat(load.tryNumber()).isEqualTo(1);
            assertThat(load.error()).hasValue("java.lang.IllegalStateException: table orders is missing");
            assertThat(load.logUrl()).hasValueSatisfying(url -> assertThat(url)
                    .startsWith("http://localhost:8080/dags/half_broken/runs/").endsWith("/runs/" + run.runId().replace(":", "%3A").replace("+", "%2B") + "/tasks/load?try=1"));
        }
    }

    @Test
    void a_throwing_callback_is_logged_and_changes_nothing() {
        Dag dag = Dag.builder("bad_callback")
                .task("ok", ctx -> { }, t -> t.onSuccess(e -> {
                    successes.incrementAndGet();
                    throw new IllegalStateException("callback bug");
                }))
                .task("next", ctx -> { }, t -> t.upstream("ok"))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("bad_callback", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() == 1);
            DagRunRow second = engine.trigger("bad_callback", Map.of("again", true));
            assertThat(engine.awaitState(second)).isEqualTo(DagRunState.SUCCESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() == 2);
        }
    }

    private static Duration gap(TaskTries.TryRow earlier, TaskTries.TryRow later) {
        return Duration.between(earlier.endDate(), later.startDate());
    }
}
