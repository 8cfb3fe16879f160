package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.testing.DagTestRun;
import org.orchestrator.testing.DagTester;
import org.orchestrator.testing.TaskTry;

/** The small teaching DAGs, run whole with DagTester. */
class TeachingDagsTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void fan_in_adds_up_what_every_fanned_out_task_pushed() {
        DagTestRun run = DagTester.forDag(ExampleFanOutFanIn.dag()).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        int sum = ExampleFanOutFanIn.REGIONS.stream()
                .mapToInt(r -> run.xcom("count_" + r, "orders", Integer.class).orElseThrow()).sum();
        assertThat(run.xcom("combine", "total_orders", Integer.class)).contains(sum);
        assertThat(run.log("combine")).contains(sum + " orders across 3 regions");
    }

    @Test
    void mapped_files_count_each_listed_file_in_its_own_instance_and_the_reduce_adds_them_in_order() {
        DagTestRun run = DagTester.forDag(ExampleMappedFiles.dag()).variable("data_dir", dir.toString()).run(DAY);

        assertThat(run.state()).as(run.toString()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.mappedStates("count_rows")).hasSize(5).containsOnly(TaskState.SUCCESS);
        java.util.List<Long> counts = run.xcomAll("count_rows", "return_value", Long.class);
        assertThat(counts).hasSize(5).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(run.xcom("total_rows", "return_value", Long.class)).contains(counts.stream().mapToLong(Long::longValue).sum());
        // Files are listed sorted, so map index 0 is amer.csv.
        assertThat(run.tries("count_rows", 0).getFirst().log()).contains("amer.csv has " + counts.getFirst() + " rows (map index 0)");
        DagTestRun three = DagTester.forDag(ExampleMappedFiles.dag()).variable("data_dir", dir.toString())
                .conf(java.util.Map.of("files_per_run", 3)).run(DAY.plusSeconds(60));
        assertThat(three.mappedStates("count_rows")).hasSize(3);
    }

    @Test
    void the_file_sensor_finds_the_file_its_upstream_wrote_and_the_soft_fail_sensor_skips() {
        DagTestRun run = DagTester.forDag(ExampleSensors.dag()).variable("data_dir", dir.toString()).run(DAY);

        assertThat(run.state()).as(run.toString()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.xcom("consume_file", "content", String.class)).contains("produced for " + DAY);
        assertThat(run.xcom("wait_for_file", "return_value", String.class)).hasValueSatisfying(p ->
                assertThat(Path.of(p)).startsWith(dir).hasFileName("ready.txt"));
        assertThat(run.taskState("wait_for_optional_feed")).isEqualTo(TaskState.SKIPPED);
        assertThat(run.taskState("use_optional_feed")).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void the_flaky_task_succeeds_on_its_third_try_and_report_reads_which() {
        DagTestRun run = DagTester.forDag(ExampleRetries.dag()).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.tries("flaky")).extracting(TaskTry::outcome)
                .containsExactly(TaskState.UP_FOR_RETRY, TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
        assertThat(run.tries("flaky").getFirst().error()).hasValueSatisfying(e -> assertThat(e).contains("fails on purpose on try 1"));
        assertThat(run.log("report")).contains("flaky needed 3 tries");
    }

    @Test
    void example_hello_follows_the_weekday_branch_on_a_monday_and_skips_the_other() {
        DagTestRun run = DagTester.forDag(ExampleHello.dag()).run(DAY); // 2026-03-02 is a Monday

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.taskState("weekday_path")).isEqualTo(TaskState.SUCCESS);
        assertThat(run.taskState("weekend_path")).isEqualTo(TaskState.SKIPPED);
        assertThat(run.taskState("join")).isEqualTo(TaskState.SUCCESS);
    }
}
