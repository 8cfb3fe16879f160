package org.orchestrator.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The sweep loop's pass: every chore in order, and one that throws neither stops the others nor the loop. */
class SweeperTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    private Map<String, Runnable> chores(String... failing) {
        Map<String, Runnable> chores = new LinkedHashMap<>();
        for (String name : List.of("start-queued-runs", "requeue-due-retries", "reconcile-runs")) {
            chores.put(name, () -> {
                ran.add(name);
                if (List.of(failing).contains(name)) {
                    throw new IllegalStateException(name + " broke");
                }
            });
        }
        return chores;
    }

    @Test
    void a_pass_runs_every_chore_in_order() {
        try (Sweeper sweeper = new Sweeper(chores(), Duration.ofHours(1))) {
            sweeper.runOnce();

            assertThat(ran).containsExactly("start-queued-runs", "requeue-due-retries", "reconcile-runs");
            assertThat(sweeper.failures()).isZero();
            assertThat(sweeper.choreNames()).containsExactlyElementsOf(ran);
        }
    }

    @Test
    void a_chore_that_throws_is_counted_and_the_rest_still_run() {
        try (Sweeper sweeper = new Sweeper(chores("requeue-due-retries"), Duration.ofHours(1))) {
            sweeper.runOnce();
            sweeper.runOnce();

            assertThat(ran).containsExactly("start-queued-runs", "requeue-due-retries", "reconcile-runs",
                    "start-queued-runs", "requeue-due-retries", "reconcile-runs");
            assertThat(sweeper.failures()).isEqualTo(2);
        }
    }

    @Test
    void a_wakeup_runs_a_pass_long_before_the_interval() {
        try (Sweeper sweeper = new Sweeper(chores(), Duration.ofHours(1))) {
            sweeper.start();

            sweeper.wakeup();

            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 3);
            assertThat(sweeper.failures()).isZero();
        }
    }
}
