package org.orchestrator.server.execute;

import java.util.Map;
import java.util.Set;

/**
 * How a try ended, as handed to the {@link Completer}.
 *
 * @param claimed  the try
 * @param result   what happened
 * @param error    the failure text, for failed tries
 * @param branches the direct downstream tasks to follow; null follows all
 * @param holdsSlot true when the try holds one of this node's executor slots (not for zombies)
 */
record Outcome(ClaimedTry claimed, Result result, String error, Set<String> branches, boolean holdsSlot,
               Map<String, String> xcoms) {

    /**
     * What happened. {@code CRASHED}: the node died (or its JVM exited) while the try ran, a
     * counted failure that also counts towards the crash limit. {@code STOPPED}: an operator
     * action took the instance away and the try has stopped (or was declared lost, then
     * {@code error} says so); nothing is written to the instance but the end of the stop.
     */
    enum Result { SUCCESS, FAILED, SKIPPED, CRASHED, STOPPED }

    static Outcome success(ClaimedTry claimed, Set<String> branches, Map<String, String> xcoms) {
        return new Outcome(claimed, Result.SUCCESS, null, branches, true, xcoms);
    }

    static Outcome failed(ClaimedTry claimed, String error, Map<String, String> xcoms) {
        return new Outcome(claimed, Result.FAILED, error, null, true, xcoms);
    }

    static Outcome zombie(ClaimedTry claimed, String reason) {
        return new Outcome(claimed, Result.CRASHED, reason, null, false, Map.of());
    }

    /** A try this node ran when a task exited the JVM: it holds its slot until recorded. */
    static Outcome crashed(ClaimedTry claimed, String reason) {
        return new Outcome(claimed, Result.CRASHED, reason, null, true, Map.of());
    }

    static Outcome stopped(ClaimedTry claimed, String lostReason) {
        return new Outcome(claimed, Result.STOPPED, lostReason, null, true, Map.of());
    }

    static Outcome skipped(ClaimedTry claimed, Map<String, String> xcoms) {
        return new Outcome(claimed, Result.SKIPPED, null, null, true, xcoms);
    }
}
