package org.orchestrator.server.state;

import java.time.Instant;
import org.orchestrator.api.TaskState;

/**
 * How one try ended, to be written with others in one batch.
 *
 * @param tiId      the task instance
 * @param tryNumber the try that ended; the write only applies while the instance still runs it
 * @param to        success, failed, up_for_retry or skipped
 * @param retryAt   when the next try is due (up_for_retry only)
 * @param error     the failure text, if any (NUL characters, which PostgreSQL text cannot hold, become U+FFFD)
 * @param node      the node that ran it
 * @param startDate when it started
 * @param logPath   its log, relative to the logs folder
 */
public record TryEnd(long tiId, int tryNumber, TaskState to, Instant retryAt, String error, String node,
                     Instant startDate, String logPath) {

    /** A task's exception message is arbitrary text; it must never make its own outcome unwritable. */
    public TryEnd {
        error = error == null ? null : error.replace('\u0000', '\uFFFD');
    }
}
