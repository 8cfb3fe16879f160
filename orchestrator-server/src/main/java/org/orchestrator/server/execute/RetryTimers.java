package org.orchestrator.server.execute;

import java.time.Instant;

/** Sets the timer that brings an up_for_retry instance back to scheduled (a Quartz trigger). */
public interface RetryTimers {

    /**
     * @param tiId      the task instance
     * @param tryNumber the try that failed
     * @param at        when the next try is due
     */
    void schedule(long tiId, int tryNumber, Instant at);
}
