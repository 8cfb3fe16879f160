package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.tasks.testing.TestTaskContext;

/** The server's execution timeout interrupts the task thread; nothing the command started may survive it. */
class ShellTaskInterruptTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestTaskContext ctx = TestTaskContext.of("shell_dag", "long_task");

    @Test
    void interrupt_kills_the_whole_process_tree() throws Exception {
        ShellTask task = ShellTask.command("sh", "-c", "sleep 301 & sleep 301").build();
        TaskThread running = TaskThread.start(task, ctx);
        List<ProcessHandle> tree = awaitProcessesWithArgument("301", 3);

        running.interrupt();
        Throwable failure = running.awaitFailure(PATIENCE);

        assertThat(failure).isInstanceOf(InterruptedException.class)
                .hasMessageContaining("[sh, -c, sleep 301 & sleep 301]").hasMessageContaining("killed its process tree");
        awaitNoneRunning(tree);
        assertThat(ctx.logLines()).anyMatch(line -> line.startsWith("interrupted: killed 3 process(es)"));
    }

    @Test
    void its_own_timeout_kills_the_whole_process_tree_and_fails_the_try() throws Exception {
        ShellTask task = ShellTask.command("sh", "-c", "sleep 304 & sleep 304").timeout(Duration.ofSeconds(3)).build();
        TaskThread running = TaskThread.start(task, ctx);
        List<ProcessHandle> tree = awaitProcessesWithArgument("304", 3);

        Throwable failure = running.awaitFailure(PATIENCE);

        assertThat(failure).isInstanceOf(OrchestratorException.class)
                .hasMessage("shell command [sh, -c, sleep 304 & sleep 304] timed out after PT3S; killed its process tree (3 processes)");
        awaitNoneRunning(tree);
        assertThat(ctx.logLines()).anyMatch(line -> line.startsWith("timed out after PT3S: killed 3 process(es)"));
    }

    @Test
    void a_command_within_its_timeout_succeeds() throws Exception {
        ShellTask.bash("echo quick").timeout(Duration.ofMinutes(1)).build().execute(ctx);

        assertThat(ctx.logLines()).contains("quick", "command exited with code 0");
    }

    @Test
    void processes_ignoring_sigterm_are_killed_after_the_grace() throws Exception {
        // Ignored signals are inherited, so neither the shell nor its sleeps react to SIGTERM.
        ShellTask task = ShellTask.command("sh", "-c", "trap '' TERM; sleep 302 & sleep 302")
                .killGrace(Duration.ofMillis(200)).build();
        TaskThread running = TaskThread.start(task, ctx);
        List<ProcessHandle> tree = awaitProcessesWithArgument("302", 3);

        running.interrupt();

        assertThat(running.awaitFailure(PATIENCE)).isInstanceOf(InterruptedException.class);
        awaitNoneRunning(tree);
    }

    @Test
    void lines_reach_the_log_while_the_command_still_runs() throws Exception {
        ShellTask task = ShellTask.bash("echo started; exec sleep 303").build();
        TaskThread running = TaskThread.start(task, ctx);

        await().atMost(PATIENCE).until(() -> ctx.logLines().contains("started"));
        List<ProcessHandle> tree = awaitProcessesWithArgument("303", 1);
        assertThat(tree).allMatch(Processes::isRunning);

        running.interrupt();
        assertThat(running.awaitFailure(PATIENCE)).isInstanceOf(InterruptedException.class);
        awaitNoneRunning(tree);
    }

    private static List<ProcessHandle> awaitProcessesWithArgument(String marker, int count) {
        return await().atMost(PATIENCE).until(() -> Processes.descendantsWithArgument(marker), found -> found.size() == count);
    }

    private static void awaitNoneRunning(List<ProcessHandle> processes) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(processes).noneMatch(Processes::isRunning));
    }
}
