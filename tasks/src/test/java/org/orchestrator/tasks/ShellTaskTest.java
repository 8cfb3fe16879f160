package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.tasks.testing.TestTaskContext;
import org.slf4j.event.Level;

class ShellTaskTest {

    private final TestTaskContext ctx = TestTaskContext.of("shell_dag", "shell_task");

    @Test
    void stdout_and_stderr_lines_reach_the_log() throws Exception {
        ShellTask.bash("echo one; echo two; echo oops >&2").build().execute(ctx);

        assertThat(ctx.logger().messages(Level.INFO)).contains("one", "two");
        assertThat(ctx.logger().messages(Level.WARN)).containsExactly("oops");
        assertThat(ctx.logLines()).containsSubsequence("one", "two", "command exited with code 0");
    }

    @Test
    void non_zero_exit_fails_the_try() {
        ShellTask task = ShellTask.bash("echo about to fail; exit 3").build();

        assertThatThrownBy(() -> task.execute(ctx))
                .isInstanceOfSatisfying(ShellCommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.command()).containsExactly("bash", "-c", "echo about to fail; exit 3");
                })
                .hasMessage("shell command [bash, -c, echo about to fail; exit 3] exited with code 3");
        assertThat(ctx.logLines()).contains("about to fail");
    }

    @Test
    void env_vars_reach_the_command() throws Exception {
        ShellTask.bash("echo \"hello from $DAG_ID\"").env("DAG_ID", "example_hello").build().execute(ctx);

        assertThat(ctx.logLines()).contains("hello from example_hello");
    }

    @Test
    void try_context_is_exported_as_env_vars() throws Exception {
        ctx.logicalDate(Instant.parse("2026-02-03T04:05:06Z")).tryNumber(2, 4);

        ShellTask.bash("echo $ORCHESTRATOR_CTX_DAG_ID $ORCHESTRATOR_CTX_TASK_ID $ORCHESTRATOR_CTX_TRY_NUMBER "
                + "$ORCHESTRATOR_CTX_LOGICAL_DATE $ORCHESTRATOR_CTX_RUN_ID $ORCHESTRATOR_CTX_IDEMPOTENCY_KEY").build().execute(ctx);

        assertThat(ctx.logLines()).contains("shell_dag shell_task 2 2026-02-03T04:05:06Z scheduled__2026-02-03T04:05:06Z "
                + "shell_dag/scheduled__2026-02-03T04:05:06Z/shell_task");
    }

    @Test
    void working_dir_is_honoured(@TempDir Path dir) throws Exception {
        ShellTask.command("pwd").workingDir(dir).build().execute(ctx);

        assertThat(ctx.logLines()).contains(dir.toRealPath().toString());
    }

    @Test
    void command_list_runs_without_a_shell() throws Exception {
        ShellTask.command("printf", "%s|%s\\n", "two words", "$HOME").build().execute(ctx);

        assertThat(ctx.logLines()).contains("two words|$HOME");
    }

    @Test
    void a_command_reading_stdin_sees_end_of_input_instead_of_hanging() {
        ShellTask task = ShellTask.bash("cat; echo stdin closed").build();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> task.execute(ctx));
        assertThat(ctx.logLines()).contains("stdin closed");
    }

    @Test
    void a_missing_program_fails_the_try_naming_it() {
        ShellTask task = ShellTask.command("no-such-program-4711").build();

        assertThatThrownBy(() -> task.execute(ctx)).hasMessageContaining("no-such-program-4711");
    }
}
