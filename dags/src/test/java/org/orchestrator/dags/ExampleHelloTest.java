package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TriggerRule;
import org.orchestrator.tasks.testing.TestTaskContext;

class ExampleHelloTest {

    private static final Instant THURSDAY = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant SATURDAY = Instant.parse("2026-01-03T10:00:00Z");

    private final Dag dag = ExampleHello.dag();

    @Test
    void runs_every_minute_from_2026_without_catchup() {
        assertThat(dag.schedule()).isEqualTo(Schedule.cron("*/1 * * * *"));
        assertThat(dag.catchup()).isFalse();
        assertThat(dag.startDate()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(dag.tags()).containsExactly("example");
    }

    @Test
    void branches_join_and_the_shell_echo_hang_off_greet() {
        assertThat(dag.tasks()).extracting(TaskDefinition::id)
                .containsExactly("greet", "branch", "weekday_path", "weekend_path", "join", "shell_echo");
        assertThat(dag.downstream("greet")).containsExactlyInAnyOrder("branch", "shell_echo");
        assertThat(dag.downstream("branch")).containsExactlyInAnyOrder("weekday_path", "weekend_path");
        assertThat(dag.task("join").orElseThrow().upstream()).containsExactlyInAnyOrder("weekday_path", "weekend_path");
        assertThat(dag.task("join").orElseThrow().triggerRule()).isEqualTo(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
        assertThat(dag.leaves()).containsExactlyInAnyOrder("join", "shell_echo");
    }

    @Test
    void greet_logs_and_pushes_its_greeting() throws Exception {
        TestTaskContext greet = TestTaskContext.forTask(dag, "greet").logicalDate(THURSDAY);

        run(greet);

        assertThat(greet.pushed("return_value", String.class)).contains("hello from example_hello for 2026-01-01T10:00:00Z");
        assertThat(greet.logLines()).singleElement().asString().startsWith("hello from example_hello");
    }

    @Test
    void branch_follows_the_weekday_path_on_a_weekday() throws Exception {
        TestTaskContext branch = TestTaskContext.forTask(dag, "branch").logicalDate(THURSDAY);

        run(branch);

        assertThat(branch.followedBranches()).contains(List.of("weekday_path"));
    }

    @Test
    void branch_follows_the_weekend_path_on_a_saturday() throws Exception {
        TestTaskContext branch = TestTaskContext.forTask(dag, "branch").logicalDate(SATURDAY);

        run(branch);

        assertThat(branch.followedBranches()).contains(List.of("weekend_path"));
    }

    @Test
    void paths_and_join_read_what_upstream_pushed() throws Exception {
        TestTaskContext greet = TestTaskContext.forTask(dag, "greet").logicalDate(THURSDAY);
        run(greet);
        TestTaskContext branch = greet.next("branch");
        run(branch);
        TestTaskContext weekday = branch.next("weekday_path");
        run(weekday);
        TestTaskContext join = branch.next("join");
        run(join);

        assertThat(weekday.logLines()).containsExactly("weekday work; greet said: hello from example_hello for 2026-01-01T10:00:00Z");
        assertThat(join.logLines()).containsExactly("joined after [weekday_path]");
    }

    @Test
    void shell_echo_says_hello_from_the_dag() throws Exception {
        TestTaskContext shell = TestTaskContext.forTask(dag, "shell_echo");

        run(shell);

        assertThat(shell.logLines()).contains("hello from example_hello");
    }

    private void run(TestTaskContext ctx) throws Exception {
        dag.task(ctx.taskId()).orElseThrow().task().execute(ctx);
    }
}
