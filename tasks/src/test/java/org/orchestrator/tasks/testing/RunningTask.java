package org.orchestrator.tasks.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * A task running on its own virtual thread, as the server runs tries, so a test can change the
 * world while it waits and then see how it ended.
 *
 * <pre>{@code
 * RunningTask running = RunningTask.start(sensor, ctx);
 * Files.createFile(expected);
 * assertThat(running.join(Duration.ofSeconds(20))).isTrue();
 * assertThat(running.failure()).isNull();
 * }</pre>
 */
public final class RunningTask {

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private RunningTask(Task task, TaskContext ctx) {
        thread = Thread.ofVirtual().name("task-" + ctx.taskId()).unstarted(() -> {
            try {
                task.execute(ctx);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    /** @param task the task @param ctx its context @return the started task */
    public static RunningTask start(Task task, TaskContext ctx) {
        RunningTask running = new RunningTask(task, ctx);
        running.thread.start();
        return running;
    }

    /** @param timeout how long to wait @return true when the task ended within it */
    public boolean join(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /** Interrupts the task's thread, as the server's execution timeout does. */
    public void interrupt() {
        thread.interrupt();
    }

    /** @return what the task threw, or null when it succeeded or still runs */
    public Throwable failure() {
        return failure.get();
    }
}
