package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.server.testing.TestEngine;

/**
 * The README's author quick start, run as written with {@code bash}, offline: install the BOM, api,
 * tasks and testing artifacts, copy the {@code starter/} template into a DAG repository of one's
 * own, run its {@code DagTester} test, package it into a running server's {@code dags/} folder, and
 * see its DAG run to success there.
 *
 * <p>The commands run in a copy of the repository ({@link AuthorCheckout}), and Maven gets
 * {@code MAVEN_ARGS}: offline, a local repository of the test's own for what they install, and the
 * build's local repository as a read-only tail for the third-party artifacts, so the test never
 * writes to {@code ~/.m2}.
 */
class ReadmeAuthorQuickStartTest {

    private static final String MARKER = "readme-test:author-quick-start";
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final String DAG = "example_daily_counts";

    @Test
    void readme_author_quick_start_builds_tests_and_deploys_the_starter_dag_which_runs_to_success(@TempDir Path dir)
            throws Exception {
        String snippet = ReadmeSnippets.bash(Files.readString(AuthorCheckout.root().resolve("README.md")), MARKER);
        assertThat(snippet).contains("install").contains("cp -r starter").contains("test").contains("package");
        Path checkout = AuthorCheckout.copy(AuthorCheckout.root(), dir.resolve("orchestrator"));

        Path home = TestEngine.fresh();
        try (ApiFixture api = ApiFixture.start(TestEngine.start(home, Map.of("ORCHESTRATOR_DAGS_PAUSED_AT_CREATION", "true")))) {
            String printed = runSnippet(snippet, checkout, home, dir);
            assertThat(printed).as(printed).contains("Tests run: 1, Failures: 0, Errors: 0");
            assertThat(dir.resolve("my-dags/src/test/java/com/example/dags/ExampleDagsTest.java")).exists();
            assertThat(home.resolve("dags/my-dags-1.0-SNAPSHOT.jar")).exists();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + DAG).status() == 200);
            RunWaits runs = new RunWaits(api);
            runs.trigger(DAG, "author-1");
            runs.awaitRun(DAG, "author-1", "success");
            assertThat(runs.task(DAG, "author-1", "store_count").get("state").asText()).isEqualTo("success");
        }
    }

    @Test
    void starter_and_bom_name_the_versions_this_build_makes() throws IOException {
        Path root = AuthorCheckout.root();
        String parent = Files.readString(root.resolve("pom.xml"));
        String bom = Files.readString(root.resolve("orchestrator-bom/pom.xml"));
        String version = tag(parent, "version");
        assertThat(tag(bom, "version")).isEqualTo(version);
        assertThat(tag(Files.readString(root.resolve("starter/pom.xml")), "orchestrator.version")).isEqualTo(version);
        Matcher property = Pattern.compile("<([a-z0-9.-]+\\.version)>([^<]+)</\\1>").matcher(bom);
        int checked = 0;
        while (property.find()) {
            assertThat(tag(parent, property.group(1))).as(property.group(1)).isEqualTo(property.group(2));
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }

    private static String runSnippet(String snippet, Path checkout, Path home, Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("author-quick-start.sh"), "set -e\n" + snippet);
        Path output = dir.resolve("author-quick-start.out");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(checkout.toFile());
        bash.environment().put("ORCHESTRATOR_HOME", home.toString());
        bash.environment().put("MAVEN_ARGS", String.join(" ", "-o",
                "-Dmaven.repo.local=" + dir.resolve("m2"),
                "-Dmaven.repo.local.tail=" + buildRepository(),
                // What this test proves is the author's path; the javadoc is checked by the build itself.
                "-Dmaven.javadoc.skip=true", "-Dmaven.source.skip=true"));
        Process process = bash.start();
        try {
            boolean ended = process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("still running after %s; it printed:%n%s", DEADLINE, printed).isTrue();
            assertThat(process.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
            return printed;
        } finally {
            ReadmeSnippets.stop(process);
        }
    }

    /** @return the local repository of the build running this test (Surefire passes it), else ~/.m2's */
    private static String buildRepository() {
        String configured = System.getProperty("orchestrator.test.m2", "");
        return configured.isBlank() || configured.startsWith("${")
                ? Path.of(System.getProperty("user.home"), ".m2", "repository").toString() : configured;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no <" + name + "> in " + xml.substring(0, Math.min(200, xml.length())));
        }
        return m.group(1).strip();
    }
}
