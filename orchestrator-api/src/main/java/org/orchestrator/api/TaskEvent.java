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
 * @param logUrl      a link to the try's log in the dashboard, when the server knows its address
 * @param resources   connections and variables, for notifiers that need an SMTP server or a webhook
 */
public record TaskEvent(String dagId, String runId, String taskId, int tryNumber, TaskState state,
                        Instant logicalDate, Optional<String> error, Optional<String> logUrl,
                        Resources resources) {

    /**
     * An event without a log link or resources, as raised outside a server (tests, tools).
     *
     * @param dagId       the DAG
     * @param runId       the run
     * @param taskId      the task
     * @param tryNumber   the try that ended
     * @param state       the state it ended in
     * @param logicalDate the run's logical date
     * @param error       the try's error message, when it failed
     */
    public TaskEvent(String dagId, String runId, String taskId, int tryNumber, TaskState state,
                     Instant logicalDate, Optional<String> error) {
        this(dagId, runId, taskId, tryNumber, state, logicalDate, error, Optional.empty(), Resources.NONE);
    }
}
