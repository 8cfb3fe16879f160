package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench} on a small scale: every figure it promises is printed, from runs that finished. */
class BenchCommandTest {

    @Test
    void bench_prints_throughput_medians_for_durable_and_buffered_commits_and_the_hop_latency() {
        CliRunner.Result result = CliRunner.run("bench", "--tasks", "40", "--chain", "5", "--warm-up", "1", "--runs", "3",
                "--parallelism", "8", "--skip-startup");

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .containsPattern("throughput \\(durable commits\\): 40 no-op tasks in [0-9.]+ s = [0-9]+ tasks/s")
                .containsPattern("median of 3 runs \\[[0-9]+, [0-9]+, [0-9]+\\] after 1 warm-up runs \\[[0-9]+\\]")
                .containsPattern("H2 default, commits buffered up to 500 ms\\): [0-9]+ tasks/s, median of 3 runs")
                .containsPattern("chain of 5 no-op tasks: hop p50 [0-9.]+ ms, p99 [0-9.]+ ms");
    }
}
