package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 7, must show 2 and 4: a run finishes on the version it started with although a new
 * version was saved mid-run; the next run uses the new version; both versions and their sources
 * are stored; the retired version's class loader is collected once its last run ended.
 */
class DagVersionsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** "wait" blocks until the gate file exists; "report" says which code ran. v2 adds a task. */
    private static String versioned(String code, Path gate, boolean extraTask) {
        return versioned(code, gate, extraTask, "");
    }

    private static String versioned(String code, Path gate, boolean extraTask, String waitOptions) {
        String waitForGate = "ctx -> { java.nio.file.Path gate = java.nio.file.Path.of(\"" + gate + "\"); "
                + "long end = System.nanoTime() + 60_000_000_000L; "
                + "while (!java.nio.file.Files.exists(gate)) { if (System.nanoTime() > end) throw new IllegalStateException(\"gate never opened\"); Thread.sleep(10); } }";
        String extra = extraTask ? ".task(\"added\", c -> c.log().info(\"new in " + code + "\")).chain(\"report\", \"added\")" : "";
        return TestSources.provider("versions.dag",
                "return List.of(Dag.builder(\"versioned\").task(\"wait\", " + waitForGate + waitOptions + ")"
                        + ".task(\"report\", ctx -> { ctx.log().info(\"code " + code + "\"); ctx.xcomPush(\"code\", \"" + code + "\"); })"
                        + ".chain(\"wait\", \"report\")" + extra + ".build());");
    }

    @Test
    void a_run_finishes_on_its_version_after_a_new_one_is_saved_and_the_retired_loader_is_then_collected() throws IOException {
        Path home = TestEngine.fresh();
        Path gate = home.resolve("gate");
        Path file = Files.createDirectories(home.resolve("dags")).resolve("versioned.java");
        TestSources.write(file, versioned("v1", gate, false));
        try (TestEngine engine = TestEngine.start(home, Map.of())) {
            String v1 = currentVersion(engine);
            WeakReference<ClassLoader> v1Loader = loaderOf(engine);
            DagRunRow first = engine.trigger("versioned", Map.of());
            await().atMost(DEADLINE).until(() -> engine.state(first, "wait") == TaskState.RUNNING);

            TestSources.write(file, versioned("v2", gate, true));
            await().atMost(DEADLINE).until(() -> !currentVersion(engine).equals(v1));
            String v2 = currentVersion(engine);
            Files.createFile(gate);

            assertThat(engine.awaitState(first)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.run(first).dagVersion()).isEqualTo(v1);
            assertThat(engine.log(first, "report", 1)).contains("code v1").doesNotContain("code v2");
            assertThat(engine.instances(first)).as("new tasks appear in new runs only").containsOnlyKeys("wait", "report");

            DagRunRow second = engine.trigger("versioned", Map.of());
            assertThat(engine.awaitState(second)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.run(second).dagVersion()).isEqualTo(v2);
            assertThat(engine.log(second, "report", 1)).contains("code v2");
            assertThat(engine.instances(second)).containsOnlyKeys("wait", "report", "added");

            List<Dags.VersionRow> versions = engine.orchestrator().database().transactions().withHandle(h -> new Dags().versions(h, "versioned"));
            assertThat(versions).extracting(Dags.VersionRow::hash).containsExactly(v1, v2);
            assertThat(versions.get(0).source()).contains("code v1").doesNotContain("added");
            assertThat(versions.get(1).source()).contains("code v2", "added");

            await().atMost(DEADLINE).until(() -> engine.orchestrator().dags().retired().isEmpty());
            long released = System.nanoTime();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
                System.gc();
                return v1Loader.get() == null;
            });
            System.out.printf("[measure] version 1's class loader collected %d ms after it was released%n",
                    (System.nanoTime() - released) / 1_000_000);
        }
    }

    @Test
    void after_a_restart_a_run_on_an_older_source_version_finishes_on_it_recompiled_from_the_stored_source() throws IOException {
        Path home = TestEngine.fresh();
        Path gate = home.resolve("gate");
        Path file = Files.createDirectories(home.resolve("dags")).resolve("versioned.java");
        String retryOnce = ", t -> t.retries(1).retryDelay(Duration.ofMillis(100))";
        TestSources.write(file, versioned("v1", gate, false, retryOnce));
        TestEngine before = TestEngine.start(home, Map.of());
        DagRunRow run = before.trigger("versioned", Map.of());
        String v1 = run.dagVersion();
        await().atMost(DEADLINE).until(() -> before.state(run, "wait") == TaskState.RUNNING);
        before.orchestrator().shutdown(Duration.ZERO);

        TestSources.write(file, versioned("v2", gate, true, retryOnce));
        try (TestEngine after = TestEngine.start(home, Map.of())) {
            assertThat(currentVersion(after)).isNotEqualTo(v1);
            assertThat(after.orchestrator().dags().get("versioned", v1)).as("v1 restored from its stored source").isPresent();
            Files.createFile(gate);

            assertThat(after.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(after.tries(run, "wait")).hasSize(2);
            assertThat(after.log(run, "report", 1)).contains("code v1");
            assertThat(after.instances(run)).containsOnlyKeys("wait", "report");
        }
    }

    @Test
    void a_run_whose_version_is_no_longer_loaded_runs_on_the_current_one_and_its_missing_tasks_are_removed() {
        Dag before = Dag.builder("shrunk").task("a", c -> { }).task("b", c -> { }).task("c", c -> { }).build();
        Dag now = Dag.builder("shrunk").task("a", c -> { }).build();
        try (TestEngine engine = TestEngine.start(now)) {
            // As after a restart: the run's version is in no bundle any more.
            DagRunRow run = engine.orchestrator().runs().trigger(new LoadedDag(before, "gone", Path.of("<before>")),
                    null, null, Map.of(), null);
            // "c" was already scheduled when its version went away.
            engine.orchestrator().database().jdbi().useHandle(h -> h.createUpdate(
                    "UPDATE task_instance SET state = 'scheduled' WHERE run_pk = :run AND task_id = 'c' AND state = 'none'")
                    .bind("run", run.id()).execute());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(run, "a")).isEqualTo(TaskState.SUCCESS);
            assertThat(engine.state(run, "b")).isEqualTo(TaskState.REMOVED);
            assertThat(engine.state(run, "c")).isEqualTo(TaskState.REMOVED);
        }
    }

    private static String currentVersion(TestEngine engine) {
        return engine.orchestrator().dags().get("versioned").orElseThrow().version();
    }

    /** A method of its own so no local variable of the test keeps the loader reachable. */
    private static WeakReference<ClassLoader> loaderOf(TestEngine engine) {
        return new WeakReference<>(engine.orchestrator().dags().get("versioned").orElseThrow().loader());
    }
}
