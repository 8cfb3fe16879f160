package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.ImportErrors;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 7, must show 1: a source saved into the dags folder of a running server is listed and
 * triggerable within moments (seen by the folder watcher: the periodic rescan is set to a minute
 * here); a compile error is an import error with the right line while the previous version keeps
 * running; fixing it clears the error.
 */
class DagAuthoringLoopTest {

    /** Long enough that only the folder watcher can explain a reload within the test's deadlines. */
    private static final Map<String, String> SLOW_RESCAN = Map.of("ORCHESTRATOR_DAGS_SCAN_INTERVAL_SECONDS", "60");
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static String hello(String greeting, String end) {
        return TestSources.provider("authoring.hello",
                "return List.of(Dag.builder(\"hello\").task(\"say\", ctx -> ctx.log().info(\"" + greeting + "\"))" + end);
    }

    @Test
    void a_saved_source_is_listed_and_triggerable_a_compile_error_keeps_the_previous_version_and_a_fix_clears_it() throws IOException {
        Path home = TestEngine.fresh();
        Path file = Files.createDirectories(home.resolve("dags")).resolve("hello.java");
        try (TestEngine engine = TestEngine.start(home, SLOW_RESCAN)) {
            long saved = System.nanoTime();
            TestSources.write(file, hello("hello v1", ".build());"));
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> listed(engine, "hello").isPresent());
            System.out.printf("[measure] new source listed and triggerable %d ms after it was saved%n", (System.nanoTime() - saved) / 1_000_000);
            String v1 = engine.orchestrator().dags().get("hello").orElseThrow().version();
            assertThat(listed(engine, "hello").orElseThrow().currentVersion()).isEqualTo(v1);
            assertThat(logOfRun(engine)).contains("hello v1");

            String broken = hello("hello v2", ".build())");
            saved = System.nanoTime();
            TestSources.write(file, broken);
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> storedError(engine, file).isPresent());
            System.out.printf("[measure] compile error stored %d ms after it was saved%n", (System.nanoTime() - saved) / 1_000_000);
            assertThat(storedError(engine, file).orElseThrow()).contains("hello.java:" + lineOf(broken, ".build())") + ":");
            assertThat(engine.orchestrator().dags().get("hello").orElseThrow().version()).as("previous version stays").isEqualTo(v1);
            assertThat(logOfRun(engine)).contains("hello v1");

            saved = System.nanoTime();
            TestSources.write(file, hello("hello v3", ".build());"));
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10))
                    .until(() -> storedError(engine, file).isEmpty() && !engine.orchestrator().dags().get("hello").orElseThrow().version().equals(v1));
            System.out.printf("[measure] fixed source reloaded %d ms after it was saved%n", (System.nanoTime() - saved) / 1_000_000);
            assertThat(logOfRun(engine)).contains("hello v3");
        }
    }

    @Test
    void a_removed_source_makes_its_dag_inactive_and_keeps_its_history() throws IOException {
        Path home = TestEngine.fresh();
        Path file = Files.createDirectories(home.resolve("dags")).resolve("gone.java");
        TestSources.write(file, TestSources.provider("authoring.gone", "return List.of(Dag.builder(\"gone\").task(\"a\", c -> {}).build());"));
        try (TestEngine engine = TestEngine.start(home, SLOW_RESCAN)) {
            DagRunRow run = engine.trigger("gone", Map.of());
            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);

            Files.delete(file);

            await().atMost(DEADLINE).until(() -> engine.orchestrator().dags().get("gone").isEmpty());
            await().atMost(DEADLINE).until(() -> !listedOrInactive(engine, "gone").orElseThrow().active());
            assertThat(engine.run(run).state()).isEqualTo(DagRunState.SUCCESS);
        }
    }

    @Test
    void a_task_of_a_source_dag_runs_with_its_bundle_as_context_class_loader_and_finds_dags_lib_through_it() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        TestSources.moveInto(TestJars.build(home.resolve("driver.jar"), null, Map.of("com.lib.Driver",
                "package com.lib; public final class Driver { public static final String NAME = \"lib driver\"; }")),
                Files.createDirectories(dags.resolve("lib")).resolve("driver.jar"));
        TestSources.write(dags.resolve("ctx.java"), TestSources.provider("authoring.ctx",
                "return List.of(Dag.builder(\"ctx\").task(\"look\", c -> { ClassLoader l = Thread.currentThread().getContextClassLoader(); "
                        + "c.log().info(\"loader {} found {}\", l.getName(), Class.forName(\"com.lib.Driver\", true, l).getField(\"NAME\").get(null)); }).build());"));
        try (TestEngine engine = TestEngine.start(home, SLOW_RESCAN)) {
            DagRunRow run = engine.trigger("ctx", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.log(run, "look", 1)).contains("loader dags:ctx.java found lib driver");
        }
    }

    private static String logOfRun(TestEngine engine) {
        DagRunRow run = engine.trigger("hello", Map.of());
        assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
        return engine.log(run, "say", 1);
    }

    /** @return the DAG's row when it is active and loaded: what the API lists and can trigger */
    private static Optional<Dags.DagRow> listed(TestEngine engine, String dagId) {
        return listedOrInactive(engine, dagId).filter(Dags.DagRow::active).filter(d -> engine.orchestrator().dags().get(dagId).isPresent());
    }

    private static Optional<Dags.DagRow> listedOrInactive(TestEngine engine, String dagId) {
        return engine.orchestrator().database().transactions().withHandle(h -> new Dags().find(h, dagId));
    }

    private static Optional<String> storedError(TestEngine engine, Path file) {
        return engine.orchestrator().database().transactions().withHandle(h -> new ImportErrors().all(h)).stream()
                .filter(e -> e.filename().equals(file.toString())).map(ImportErrors.ImportErrorRow::message).findFirst();
    }

    private static int lineOf(String source, String text) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " is not in the source");
    }
}
