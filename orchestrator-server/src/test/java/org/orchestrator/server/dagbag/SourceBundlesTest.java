package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.server.testing.TestJars;
import org.orchestrator.server.testing.TestSources;

/** The dags folder accepts Java sources: single files, directories of packages, against dags/lib. */
class SourceBundlesTest {

    @TempDir
    Path dags;

    private final DagBag bag = new DagBag();

    private DagFolderScanner scanner() {
        return new DagFolderScanner(dags, bag, Duration.ofSeconds(10));
    }

    @Test
    void a_single_source_file_with_a_package_is_compiled_and_its_dags_loaded_with_their_source() {
        String source = TestSources.provider("com.acme.hello",
                "return List.of(Dag.builder(\"hello\").task(\"say\", ctx -> ctx.log().info(\"hi\")).build());");
        TestSources.write(dags.resolve("hello.java"), source);

        assertThat(scanner().scan()).isTrue();

        LoadedDag hello = bag.get("hello").orElseThrow();
        assertThat(bag.importErrors()).isEmpty();
        assertThat(hello.bundle()).isEqualTo(dags.resolve("hello.java"));
        assertThat(hello.source()).isEqualTo(source);
        assertThat(hello.loader()).isInstanceOf(SourceClassLoader.class);
        assertThat(hello.dag().task("say").orElseThrow().task().getClass().getClassLoader()).isSameAs(hello.loader());
    }

    @Test
    void a_directory_is_one_bundle_whose_files_and_packages_compile_together() {
        Path orders = dags.resolve("orders");
        TestSources.write(orders.resolve("com/acme/steps/Steps.java"), """
                package com.acme.steps;
                public final class Steps {
                    public static String greeting() { return "from another file"; }
                }
                """);
        TestSources.write(orders.resolve(".git/Stray.java"), "not java at all");
        TestSources.write(orders.resolve("com/acme/.OrdersDag.java"), "an editor's swap file");
        TestSources.write(orders.resolve("com/acme/OrdersDag.java"), TestSources.provider("com.acme",
                "return List.of(Dag.builder(\"orders\").task(\"a\", ctx -> ctx.log().info(com.acme.steps.Steps.greeting())).build());"));

        scanner().scan();

        assertThat(bag.importErrors()).isEmpty();
        LoadedDag loaded = bag.get("orders").orElseThrow();
        assertThat(loaded.bundle()).isEqualTo(orders);
        assertThat(loaded.source()).contains("// ---- orders/com/acme/OrdersDag.java ----", "// ---- orders/com/acme/steps/Steps.java ----",
                "from another file");
    }

    @Test
    void a_compile_error_names_file_line_and_column_and_the_last_good_version_stays_until_fixed() {
        Path file = dags.resolve("typo.java");
        TestSources.write(file, TestSources.provider("typo", "return List.of(Dag.builder(\"typo\").task(\"a\", c -> {}).build());"));
        DagFolderScanner scanner = scanner();
        scanner.scan();
        LoadedDag good = bag.get("typo").orElseThrow();

        String broken = TestSources.provider("typo", "return List.of(Dag.builder(\"typo\").task(\"a\", c -> {}).build())");
        TestSources.write(file, broken);
        scanner.scan();

        // javac reports a missing ';' just after the end of the statement's line.
        List<String> lines = broken.lines().toList();
        int line = lines.indexOf(lines.stream().filter(l -> l.endsWith("build())")).findFirst().orElseThrow()) + 1;
        int column = lines.get(line - 1).length() + 1;
        assertThat(bag.importErrors().get(file.toString()))
                .contains("compilation of typo.java failed with 1 error:")
                .contains("typo.java:" + line + ":" + column + ": error: ';' expected");
        assertThat(bag.get("typo")).containsSame(good);

        TestSources.write(file, TestSources.provider("typo", "return List.of(Dag.builder(\"typo\").task(\"b\", c -> {}).build());"));
        scanner.scan();

        assertThat(bag.importErrors()).isEmpty();
        assertThat(bag.get("typo").orElseThrow().dag().task("b")).isPresent();
        assertThat(bag.get("typo").orElseThrow().version()).isNotEqualTo(good.version());
    }

    @Test
    void two_errors_on_one_line_are_counted_twice_but_the_line_is_shown_once_with_a_caret_under_each() {
        Path file = dags.resolve("unknown.java");
        TestSources.write(file, TestSources.provider("unknown", "Missing m = new Missing(); return List.of();"));

        scanner().scan();

        String error = bag.importErrors().get(file.toString());
        assertThat(error).startsWith("compilation of unknown.java failed with 2 errors:\n")
                .contains("unknown.java:9:9: error: cannot find symbol\n  symbol:   class Missing")
                .contains("unknown.java:9:25: error: cannot find symbol\n  symbol:   class Missing");
        assertThat(error.lines().filter(l -> l.contains("Missing m = new Missing();"))).hasSize(1);
        assertThat(error).endsWith("Missing m = new Missing(); return List.of();\n        ^               ^");
    }

    @Test
    void an_unchanged_source_is_not_recompiled_and_a_changed_one_gets_a_new_version() {
        Path file = dags.resolve("same.java");
        TestSources.write(file, TestSources.provider("same", "return List.of(Dag.builder(\"same\").task(\"a\", c -> {}).build());"));
        DagFolderScanner scanner = scanner();
        scanner.scan();
        LoadedDag first = bag.get("same").orElseThrow();

        assertThat(scanner.scan()).isFalse();
        assertThat(bag.get("same")).containsSame(first);

        TestSources.write(file, TestSources.provider("same", "return List.of(Dag.builder(\"same\").task(\"a\", c -> c.log().info(\"x\")).build());"));
        assertThat(scanner.scan()).isTrue();
        assertThat(bag.get("same").orElseThrow().version()).isNotEqualTo(first.version());
        assertThat(bag.retired()).containsExactly(first);
    }

    @Test
    void sources_compile_and_run_against_the_jars_of_dags_lib() throws Exception {
        TestJars.build(dags.resolve("lib/greetings.jar"), null, Map.of("com.lib.Greeting",
                "package com.lib; public final class Greeting { public static String text() { return \"hello from lib\"; } }"));
        TestSources.write(dags.resolve("uses_lib.java"), TestSources.provider("uses.lib",
                "return List.of(Dag.builder(\"uses_lib\").description(com.lib.Greeting.text()).task(\"a\", c -> {}).build());"));

        scanner().scan();

        assertThat(bag.importErrors()).isEmpty();
        assertThat(bag.get("uses_lib").orElseThrow().dag().description()).isEqualTo("hello from lib");
        assertThat(Files.exists(dags.resolve("lib"))).isTrue();
    }

    @Test
    void a_provider_using_a_parallel_stream_is_not_taken_for_a_thread_leak() {
        TestSources.write(dags.resolve("parallel.java"), TestSources.provider("parallel",
                "int sum = java.util.stream.IntStream.range(0, 100_000).parallel().map(i -> i % 7).sum(); "
                        + "return List.of(Dag.builder(\"parallel\").description(\"\" + sum).task(\"a\", c -> {}).build());"));

        scanner().scan();

        assertThat(bag.importErrors()).isEmpty();
        assertThat(bag.get("parallel")).isPresent();
    }

    @Test
    void a_source_without_a_usable_provider_is_an_import_error() {
        TestSources.write(dags.resolve("nothing.java"), """
                package nothing;
                import java.util.*;
                import org.orchestrator.api.*;
                class Hidden implements DagProvider {
                    public Collection<Dag> dags() { return List.of(Dag.builder("hidden").task("a", c -> {}).build()); }
                }
                """);

        scanner().scan();

        assertThat(bag.importErrors().get(dags.resolve("nothing.java").toString()))
                .contains("no DAGs found in nothing.java").contains("public no-argument constructor");
        assertThat(bag.all()).isEmpty();
    }
}
