package org.orchestrator.server.execute;

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
record Outcome(ClaimedTry claimed, Result result, String error, Set<String> branches, boolean holdsSlot) {

    enum Result { SUCCESS, FAILED, SKIPPED }

    static Outcome success(ClaimedTry claimed, Set<String> branches) {
        return new Outcome(claimed, Result.SUCCESS, null, branches, true);
    }

    static Outcome failed(ClaimedTry claimed, String error) {
        return new Outcome(claimed, Result.FAILED, error, null, true);
    }

    static Outcome zombie(ClaimedTry claimed, String reason) {
        return new Outcome(claimed, Result.FAILED, reason, null, false);
    }

    static Outcome skipped(ClaimedTry claimed) {
        return new Outcome(claimed, Result.SKIPPED, null, null, true);
    }
}
