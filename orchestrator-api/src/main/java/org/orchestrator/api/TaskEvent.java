package org.orchestrator.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What a task callback is told.
 *
 * @param dagId       the DAG
 * @param runId       the run
 * @param taskId      the task
 * @param tryNumber   the try that ended
 * @param state       the state it ended in: success, failed or up_for_retry
 * @param logicalDate the run's logical date
 * @param error       the try's error message, when it failed
 */
public record TaskEvent(String dagId, String runId, String taskId, int tryNumber, TaskState state,
                        Instant logicalDate, Optional<String> error) {
}
