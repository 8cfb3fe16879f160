package org.orchestrator.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.cli.Main;

/** {@code bench} on a small scale, found by the server's CLI: every figure it promises is printed, from runs that finished. */
class BenchCommandTest {

    @Test
    void bench_prints_throughput_medians_for_durable_and_buffered_commits_and_with_the_engine_defaults() {
        String out = bench("--shapes", "independent", "--tasks", "40", "--warm-up", "1", "--runs", "3",
                "--parallelism", "8", "--isolation-tries", "3", "--template-renders", "200", "--skip-startup");

        assertThat(out)
                .containsPattern("throughput \\(durable commits\\): 40 no-op tasks in [0-9.]+ s = [0-9]+ tasks/s")
                .containsPattern("median of 3 runs \\[[0-9]+, [0-9]+, [0-9]+\\] after 1 warm-up runs \\[[0-9]+\\]")
                .containsPattern("H2 default, commits buffered up to 500 ms\\): [0-9]+ tasks/s, median of 3 runs")
                .containsPattern("throughput \\(engine defaults: parallelism 32, max active tasks 16, max active runs 16, "
                        + "default_pool as shipped\\): 40 no-op tasks, [0-9]+ tasks/s, median of 3 runs \\[[0-9]+, [0-9]+, [0-9]+\\]")
                .containsPattern("throughput \\(one task mapped 40 ways\\): [0-9]+ tasks/s")
                .containsPattern("no-op try, start to outcome committed, isolation process: p50 [0-9.]+ ms, p99 [0-9.]+ ms.* over 3 tries")
                .containsPattern("isolation process reused: p50 [0-9.]+ ms, p99 [0-9.]+ ms.* over 3 tries")
                .containsPattern("render one templated SQL field \\(200 renders\\): p50 [0-9.]+ µs, p99 [0-9.]+ µs")
                .doesNotContain("chain of", "layered", "wide:");
    }

    @Test
    void bench_prints_every_shape_with_the_limits_it_ran_under_on_a_database_with_the_history_asked_for() {
        String out = bench("--shapes", "chain,Layered,WIDE", "--chain", "5", "--layers", "3", "--layer-width", "4",
                "--concurrent-runs", "2,3", "--wide", "30", "--history", "450", "--tasks", "10", "--warm-up", "0", "--runs", "2",
                "--parallelism", "8", "--isolation-tries", "0", "--template-renders", "0", "--asset-events", "0", "--skip-startup");

        String defaults = "engine defaults: parallelism 32, max active tasks 16, max active runs 16, default_pool as shipped, "
                + "history of 400 finished task instances";
        assertThat(out)
                // 450 instances make two whole runs of 200; the API's reads count them back.
                .containsPattern("history: 400 finished task instances in 2 runs loaded in [0-9.]+ s .*; the reads list 400 "
                        + "successful instances in 2 runs")
                .contains("chain of 5 no-op tasks (" + defaults + "): hop p50 ")
                .containsPattern("hop p50 [0-9.]+ ms, p99 [0-9.]+ ms; 2 runs, p50 \\[[0-9.]+, [0-9.]+\\] ms, p99 \\[[0-9.]+, [0-9.]+\\] ms")
                .contains("layered 3 x 4, one run (" + defaults + "): trigger -> success ")
                .containsPattern("layered 3 x 4, one run .*: trigger -> success [0-9]+ ms, median of 2 runs \\[[0-9]+, [0-9]+\\] ms")
                .containsPattern("layered 3 x 4, 2 runs at once \\(24 tasks, engine defaults: .*\\): [0-9]+ tasks/s, median of 2 runs \\[[0-9]+, [0-9]+\\]")
                .containsPattern("layered 3 x 4, 3 runs at once \\(36 tasks, engine defaults: .*\\): [0-9]+ tasks/s, median of 2 runs \\[[0-9]+, [0-9]+\\]")
                .contains("wide: one run of 30 no-op tasks (limits wide: parallelism 8, max active tasks = the DAG's width, "
                        + "default_pool unbounded, history of 400 finished task instances): trigger call ")
                .containsPattern("trigger call [0-9.]+ s, trigger -> success [0-9.]+ s; 2 runs, trigger \\[[0-9.]+, [0-9.]+\\] s, "
                        + "trigger -> success \\[[0-9.]+, [0-9.]+\\] s")
                .doesNotContain("throughput (durable commits)");
    }

    @Test
    void the_rest_shape_answers_every_list_endpoint_over_http_from_a_history_and_prints_its_latencies() {
        String out = bench("--shapes", "rest", "--rest-rate", "30", "--rest-seconds", "2", "--history", "400", "--warm-up", "0",
                "--isolation-tries", "0", "--template-renders", "0", "--asset-events", "0", "--skip-startup");

        assertThat(out)
                .containsPattern("rest: list endpoints at 30 requests/s open loop for 2 s \\(.*history of 400 finished task "
                        + "instances\\): achieved [0-9.]+ requests/s, [0-9.]+ ms of CPU per request")
                .containsPattern("alone, after a warm-up \\(30 in a row\\): median +[0-9.]+ ms, CPU +[0-9.]+ ms per request  "
                        + "GET /ui/api/dags/bench_history/grid")
                .containsPattern("GET /api/v1/dags/bench_history/dagRuns/manual__[^ ]+/taskInstances +n= +4 failed=0 p50")
                .containsPattern("all of them +n= +60 failed=0 p50 +[0-9.]+ ms +p99 +[0-9.]+ ms +max +[0-9.]+ ms");
        // Every request kind answered 2xx: the only "failed=" counts are zeros.
        assertThat(out.lines().filter(line -> line.startsWith("rest:   ") && line.contains(" failed=")))
                .hasSize(16).allSatisfy(line -> assertThat(line).contains(" failed=0 "));
    }

    /** Runs {@code bench} through the server's own entry point (the command is found on the class path, not listed in Main). */
    private static String bench(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = Main.run(prepend("bench", args));
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        return out;
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
