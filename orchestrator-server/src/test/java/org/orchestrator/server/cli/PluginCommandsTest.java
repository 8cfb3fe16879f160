package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The production jar has no benchmark harness: asked for {@code bench}, it says where the command went. */
class PluginCommandsTest {

    @Test
    void bench_without_the_bench_jar_points_to_it_instead_of_failing_obscurely() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = Main.run("bench", "--tasks", "10");
        } finally {
            System.setErr(original);
        }

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'bench' is not in this jar")
                .contains("java -jar orchestrator-bench/target/orchestrator-bench.jar bench");
    }

    @Test
    void the_server_jar_lists_no_bench_command() {
        CliRunner.Result help = CliRunner.run("--help");

        assertThat(help.out()).contains("standalone").doesNotContain("bench");
    }
}
