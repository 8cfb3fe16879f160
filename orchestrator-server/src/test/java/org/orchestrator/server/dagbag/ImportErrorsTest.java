package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.ImportErrors;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

/** Broken bundles become import errors with a message naming the problem; the good ones run. */
class ImportErrorsTest {

    @Test
    void each_broken_bundle_is_an_import_error_and_the_good_dag_still_runs() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        TestJars.provider(dags.resolve("good.jar"), "good",
                "return List.of(Dag.builder(\"good\").task(\"a\", ctx -> {}).task(\"b\", ctx -> {}).chain(\"a\", \"b\").build());");
        TestJars.provider(dags.resolve("cyclic.jar"), "cyclic",
                "return List.of(Dag.builder(\"cyclic\").task(\"extract\", c -> {}).task(\"load\", c -> {})"
                        + ".chain(\"extract\", \"load\", \"extract\").build());");
        TestJars.provider(dags.resolve("unknown.jar"), "unknown",
                "return List.of(Dag.builder(\"unknown\").task(\"a\", c -> {}, t -> t.upstream(\"ghost\")).build());");
        TestJars.provider(dags.resolve("throwing.jar"), "throwing",
                "throw new IllegalStateException(\"cannot reach the config service\");");
        TestJars.build(dags.resolve("empty.jar"), null, Map.of("empty.Nothing", "package empty; public class Nothing {}"));
        Files.write(dags.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        try (TestEngine engine = TestEngine.start(home, Map.of())) {
            Map<String, String> errors = engine.orchestrator().database().transactions().withHandle(h -> new ImportErrors().all(h)).stream()
                    .collect(Collectors.toMap(e -> Path.of(e.filename()).getFileName().toString(), ImportErrors.ImportErrorRow::message));

            assertThat(errors).containsOnlyKeys("cyclic.jar", "unknown.jar", "throwing.jar", "empty.jar", "corrupt.jar");
            assertThat(errors.get("cyclic.jar")).contains("cycle extract → load → extract in dag 'cyclic'");
            assertThat(errors.get("unknown.jar")).contains("task 'a' in dag 'unknown' has unknown upstream 'ghost'");
            assertThat(errors.get("throwing.jar")).contains("throwing.Dags").contains("cannot reach the config service");
            assertThat(errors.get("empty.jar")).contains("no DAGs found in empty.jar");
            assertThat(errors.get("corrupt.jar")).contains("cannot read corrupt.jar as a jar");
            assertThat(engine.orchestrator().dags().all()).extracting(d -> d.dag().id()).containsExactly("good");

            var run = engine.trigger("good", Map.of());
            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
        }
    }

    @Test
    void a_fixed_bundle_loads_on_rescan_and_its_error_goes_away() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        Path jar = dags.resolve("later.jar");
        TestJars.provider(jar, "later1", "return List.of(Dag.builder(\"later\").schedule(\"0 25 * * *\").task(\"a\", c -> {}).build());");

        try (TestEngine engine = TestEngine.start(home, Map.of())) {
            assertThat(engine.orchestrator().dags().importErrors()).containsKey(jar.toString());
            assertThat(engine.orchestrator().dags().importErrors().get(jar.toString())).contains("bad cron '0 25 * * *'");

            Files.delete(jar);
            TestJars.provider(jar, "later2", "return List.of(Dag.builder(\"later\").task(\"a\", c -> {}).build());");
            engine.orchestrator().scanDags();

            assertThat(engine.orchestrator().dags().importErrors()).isEmpty();
            assertThat(engine.orchestrator().dags().get("later")).isPresent();
            java.util.List<ImportErrors.ImportErrorRow> stored = engine.orchestrator().database().transactions().withHandle(h -> new ImportErrors().all(h));
            assertThat(stored).isEmpty();
        }
    }
}
