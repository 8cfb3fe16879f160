package org.orchestrator.rules;

/** What a trigger rule says about a task whose upstreams are as they are. */
public enum TriggerDecision {
    /** Dependencies met: schedule it. */
    RUN,
    /** Not yet decidable: wait for more upstreams to finish. */
    WAIT,
    /** The rule can no longer be met because of skips: skip it. */
    SKIP,
    /** The rule can no longer be met because of failures: upstream_failed. */
    UPSTREAM_FAILED
}
