package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/** Runs a task on its own thread, as the server does, so a test can interrupt it. */
final class TaskThread {

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private TaskThread(Task task, TaskContext ctx) {
        thread = Thread.ofPlatform().name("task-" + ctx.taskId()).unstarted(() -> {
            try {
                task.execute(ctx);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    static TaskThread start(Task task, TaskContext ctx) {
        TaskThread running = new TaskThread(task, ctx);
        running.thread.start();
        return running;
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the task to end and returns what it threw. */
    Throwable awaitFailure(Duration timeout) throws InterruptedException {
        assertThat(thread.join(timeout)).as("task thread ended within " + timeout).isTrue();
        assertThat(failure.get()).as("the task failed").isNotNull();
        return failure.get();
    }
}
