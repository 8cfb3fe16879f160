package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.ImportErrors;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 7, must show 3: a DAG whose constructor never returns, one that calls
 * {@code System.exit} (or {@code Runtime.halt}) and one that leaks threads each end as an import
 * error, and the server keeps scheduling the others meanwhile.
 */
class HostileDagsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Ignores interrupts, as a real endless loop would; {@code stop} only lets the test end it afterwards. */
    private static final String ENDLESS = """
            package hostile.endless;
            import java.util.*;
            import org.orchestrator.api.*;
            public final class Dags implements DagProvider {
                public static volatile boolean stop;
                public Dags() {
                    while (!stop) {
                        Thread.interrupted();
                    }
                }
                public Collection<Dag> dags() { return List.of(Dag.builder("endless").task("a", c -> {}).build()); }
            }
            """;

    @Test
    void endless_exiting_and_thread_leaking_dags_are_import_errors_and_the_others_keep_being_scheduled() throws Exception {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        TestSources.write(dags.resolve("good.java"), TestSources.provider("hostile.good",
                "return List.of(Dag.builder(\"good\").schedule(Schedule.every(Duration.ofSeconds(1)))"
                        + ".startDate(Instant.now().minusSeconds(2)).maxActiveRuns(16).task(\"tick\", c -> {}).build());"));
        try (TestEngine engine = TestEngine.start(home, Map.of("ORCHESTRATOR_DAG_LOAD_TIMEOUT_MS", "1000"))) {
            await().atMost(DEADLINE).until(() -> succeededScheduledRuns(engine) >= 1);

            TestSources.write(dags.resolve("endless.java"), ENDLESS);
            TestSources.write(dags.resolve("exits.java"), TestSources.provider("hostile.exits",
                    "System.exit(3); return List.of();"));
            TestSources.moveInto(TestJars.provider(home.resolve("halts.jar"), "hostile.halts",
                    "return List.of(Dag.builder(\"halts\").task(\"a\", c -> Runtime.getRuntime().halt(1)).build());"),
                    dags.resolve("halts.jar"));
            TestSources.write(dags.resolve("leaks.java"), TestSources.provider("hostile.leaks",
                    "new Thread(() -> { while (true) { try { Thread.sleep(50); } catch (InterruptedException e) { return; } } }, "
                            + "\"leaky-poller\").start(); return List.of(Dag.builder(\"leaks\").task(\"a\", c -> {}).build());"));
            try {
                await().atMost(DEADLINE).until(() -> storedErrors(engine).size() == 4);
                Map<String, String> errors = storedErrors(engine);
                assertThat(errors.get("endless.java")).contains("loading endless.java took longer than 1000 ms")
                        .contains("ignores interrupts");
                assertThat(errors.get("exits.java")).contains("class hostile.exits.Dags calls java.lang.System.exit");
                assertThat(errors.get("halts.jar")).contains("class hostile.halts.Dags calls java.lang.Runtime.halt");
                assertThat(errors.get("leaks.java")).contains("left 1 thread(s) running: [leaky-poller]; they were interrupted");
                assertThat(engine.orchestrator().dags().all()).extracting(d -> d.dag().id()).containsExactly("good");

                Optional<Thread> stuck = thread("dag-loader:endless.java");
                assertThat(stuck).as("the endless constructor still spins").isPresent();
                assertThat(stuck.get().isDaemon()).isTrue();
                await().atMost(DEADLINE).until(() -> thread("leaky-poller").isEmpty());

                int before = succeededScheduledRuns(engine);
                await().atMost(DEADLINE).until(() -> succeededScheduledRuns(engine) >= before + 2);
                DagRunRow manual = engine.trigger("good", Map.of());
                assertThat(engine.awaitState(manual)).isEqualTo(DagRunState.SUCCESS);
            } finally {
                stopEndlessLoop();
            }
        }
    }

    private static int succeededScheduledRuns(TestEngine engine) {
        return (int) engine.orchestrator().database().transactions().withHandle(h -> new DagRuns().ofDag(h, "good", 1000, 0)).stream()
                .filter(r -> r.runType() == RunType.SCHEDULED && r.state() == DagRunState.SUCCESS).count();
    }

    private static Map<String, String> storedErrors(TestEngine engine) {
        return engine.orchestrator().database().transactions().withHandle(h -> new ImportErrors().all(h)).stream()
                .collect(Collectors.toMap(e -> Path.of(e.filename()).getFileName().toString(), ImportErrors.ImportErrorRow::message));
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).findFirst();
    }

    /** The loop's own flag, reached through the stuck thread's context class loader (the bundle's). */
    private static void stopEndlessLoop() throws ReflectiveOperationException {
        Optional<Thread> stuck = thread("dag-loader:endless.java");
        if (stuck.isPresent()) {
            Class.forName("hostile.endless.Dags", false, stuck.get().getContextClassLoader()).getField("stop").setBoolean(null, true);
            await().atMost(DEADLINE).until(() -> !stuck.get().isAlive());
        }
    }
}
