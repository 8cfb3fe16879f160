package org.orchestrator.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A task that failed in a DAG run, as a run-failure callback is told about it: which task, its
 * last try, why, and where its log is.
 *
 * @param taskId    the task
 * @param tryNumber its last try
 * @param error     that try's error, when one was recorded
 * @param logUrl    a link to that try's log in the dashboard, when the server knows its address
 */
public record FailedTask(String taskId, int tryNumber, Optional<String> error, Optional<String> logUrl) {

    /** Checks that no part is null. */
    public FailedTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(logUrl, "logUrl");
    }
}
