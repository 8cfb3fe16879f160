package org.orchestrator.testing;

import java.time.Duration;
import java.util.Optional;
import org.orchestrator.api.TaskState;

/**
 * One try of a task in a {@link DagTester} run, as the server would record it in {@code task_try}.
 *
 * @param taskId    the task
 * @param tryNumber the try, counted from 1
 * @param outcome   {@code success}, {@code failed}, {@code up_for_retry} (failed, and retried) or {@code skipped}
 * @param error     the failure's message (exception class and message), when it failed
 * @param log       every line the task logged during this try
 * @param retryDelay the delay the server would wait before the next try (the harness does not wait)
 * @param mapIndex  the instance of a mapped task the try belongs to, -1 for an unmapped task
 */
public record TaskTry(String taskId, int tryNumber, TaskState outcome, Optional<String> error, String log,
                      Duration retryDelay, int mapIndex) {

    /**
     * A try of an unmapped task.
     *
     * @param taskId     the task
     * @param tryNumber  the try, counted from 1
     * @param outcome    how it ended
     * @param error      the failure's message, when it failed
     * @param log        every line the task logged during this try
     * @param retryDelay the delay the server would wait before the next try
     */
    public TaskTry(String taskId, int tryNumber, TaskState outcome, Optional<String> error, String log, Duration retryDelay) {
        this(taskId, tryNumber, outcome, error, log, retryDelay, -1);
    }
}
