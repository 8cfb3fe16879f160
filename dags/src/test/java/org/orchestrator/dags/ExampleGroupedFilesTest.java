package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.InvalidConfException;
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.testing.DagTestRun;
import org.orchestrator.testing.DagTester;

class ExampleGroupedFilesTest {

    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void each_file_given_in_the_conf_is_counted_and_checked_by_its_own_mapped_instance_and_the_reduce_adds_up_what_was_kept() {
        DagTestRun run = DagTester.forDag(ExampleGroupedFiles.dag())
                .conf(Map.of("region", "apac", "min_rows", 0, "files", List.of("a.csv", "b.csv", "c.csv")))
                .run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.taskStates()).containsOnlyKeys("list_files", "per_file.count_rows", "per_file.check", "summarise");
        assertThat(run.mappedStates("per_file.count_rows")).hasSize(3).containsOnly(TaskState.SUCCESS);
        assertThat(run.mappedStates("per_file.check")).hasSize(3).containsOnly(TaskState.SUCCESS);
        List<Map> counted = run.xcomAll("per_file.count_rows", "return_value", Map.class);
        assertThat(counted).extracting(m -> m.get("file")).containsExactly("apac/a.csv", "apac/b.csv", "apac/c.csv");
        int total = counted.stream().mapToInt(m -> ((Number) m.get("rows")).intValue()).sum();
        assertThat(run.xcom("summarise", "total_rows", Integer.class)).contains(total);
    }

    @Test
    void a_file_under_the_minimum_is_left_out_of_the_sum() {
        DagTestRun run = DagTester.forDag(ExampleGroupedFiles.dag())
                .conf(Map.of("region", "apac", "min_rows", 100, "files", List.of("a.csv", "b.csv")))
                .run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.xcomAll("per_file.check", "kept", Map.class)).isEmpty();
        assertThat(run.xcom("summarise", "total_rows", Integer.class)).contains(0);
    }

    @Test
    void a_conf_that_breaks_the_params_is_refused_naming_each_field() {
        DagTester tester = DagTester.forDag(ExampleGroupedFiles.dag())
                .conf(Map.of("region", "mars", "min_rows", -1, "files", List.of("../etc/passwd")))
                .unknownConfKeys(ParamCheck.UnknownKeys.REJECT);

        assertThatThrownBy(() -> tester.run(DAY)).isInstanceOfSatisfying(InvalidConfException.class, e ->
                assertThat(e.errors()).extracting(ParamCheck.FieldError::field).containsExactly("region", "min_rows", "files/0"));
    }
}
