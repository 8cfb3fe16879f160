package org.orchestrator.server.dagbag;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 7's benchmark, run on demand ({@code -Dbench=true}): loading 1,000 jar DAGs and 1,000
 * source DAGs at start and after one file changed, and save-to-triggerable latency of one source
 * in a running server whose folder holds 1,000 sources. Prints figures; asserts nothing.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DagLoadingBenchmarkTest {

    private static final int BUNDLES = 1000;
    private static final int SAVES = 40;

    @Test
    void thousand_jars() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        Path template = TestJars.provider(home.resolve("template.jar"), "bench.jars",
                "String id = new Scanner(getClass().getResourceAsStream(\"/dag-id.txt\")).nextLine(); "
                        + "return List.of(Dag.builder(id).task(\"a\", c -> {}).chain(\"a\").build());");
        for (int i = 0; i < BUNDLES; i++) {
            withId(template, dags.resolve("jar_%04d.jar".formatted(i)), "jar_%04d".formatted(i));
        }
        DagFolderScanner scanner = new DagFolderScanner(dags, new DagBag(), Duration.ofSeconds(30));
        long start = System.nanoTime();
        scanner.scan();
        report("1,000 jars: first scan", start);
        withId(template, dags.resolve("jar_0500.jar.tmp"), "jar_0500");
        Files.move(dags.resolve("jar_0500.jar.tmp"), dags.resolve("jar_0500.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        start = System.nanoTime();
        scanner.scan();
        report("1,000 jars: rescan after one changed", start);
    }

    @Test
    void thousand_sources_and_save_to_triggerable_latency() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        for (int i = 0; i < BUNDLES; i++) {
            TestSources.write(dags.resolve("src_%04d.java".formatted(i)), source(i, "v0"));
        }
        DagFolderScanner scanner = new DagFolderScanner(dags, new DagBag(), Duration.ofSeconds(30));
        long start = System.nanoTime();
        scanner.scan();
        report("1,000 sources: first scan", start);
        TestSources.write(dags.resolve("src_0500.java"), source(500, "v1"));
        start = System.nanoTime();
        scanner.scan();
        report("1,000 sources: rescan after one changed", start);

        start = System.nanoTime();
        try (TestEngine engine = TestEngine.start(home, Map.of("ORCHESTRATOR_DAGS_SCAN_INTERVAL_SECONDS", "600"))) {
            report("1,000 sources: engine start (scan, registry, schedules)", start);
            List<Long> latencies = new ArrayList<>();
            for (int save = 1; save <= SAVES; save++) {
                String before = engine.orchestrator().dags().get("src_0007").orElseThrow().version();
                long saved = System.nanoTime();
                TestSources.write(dags.resolve("src_0007.java"), source(7, "save " + save));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> listedVersion(engine)
                        .filter(v -> !v.equals(before) && v.equals(engine.orchestrator().dags().get("src_0007").orElseThrow().version()))
                        .isPresent());
                latencies.add((System.nanoTime() - saved) / 1_000_000);
            }
            Collections.sort(latencies);
            System.out.printf("[bench] save to listed and triggerable, one source among 1,000, %d saves: p50 %d ms, p99 %d ms, max %d ms%n",
                    SAVES, latencies.get(SAVES / 2), latencies.get((int) Math.ceil(SAVES * 0.99) - 1), latencies.getLast());
        }
    }

    /** @return the version the dag table lists: what the API shows */
    private static java.util.Optional<String> listedVersion(TestEngine engine) {
        return engine.orchestrator().database().transactions().withHandle(h -> new org.orchestrator.server.state.Dags().find(h, "src_0007"))
                .map(org.orchestrator.server.state.Dags.DagRow::currentVersion);
    }

    private static String source(int i, String text) {
        return TestSources.provider("bench.src%04d".formatted(i),
                "return List.of(Dag.builder(\"src_%04d\").description(\"%s\").task(\"a\", c -> c.log().info(\"hi\")).build());"
                        .formatted(i, text));
    }

    /** The template jar's classes plus a resource naming the DAG, so 1,000 jars need one compile. */
    private static void withId(Path template, Path jar, String id) throws IOException {
        try (JarFile in = new JarFile(template.toFile()); JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (JarEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("dag-id.txt"));
            ((OutputStream) out).write(id.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void report(String what, long startNanos) {
        System.out.printf("[bench] %s: %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
