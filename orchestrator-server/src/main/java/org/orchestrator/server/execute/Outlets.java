package org.orchestrator.server.execute;

import java.time.Instant;
import org.orchestrator.api.Asset;
import org.orchestrator.server.state.Assets;
import org.orchestrator.server.state.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the asset events of a successful try, in the transaction that records its success: the
 * event exists exactly when the success does. Whoever creates asset-triggered runs is woken after
 * the commit.
 */
final class Outlets {

    private static final Logger LOG = LoggerFactory.getLogger(Outlets.class);

    private final Assets assets = new Assets();
    private volatile Runnable onEvents = () -> { };

    /** @param onEvents told after a commit that recorded asset events */
    void onEvents(Runnable onEvents) {
        this.onEvents = onEvents;
    }

    /** @return true when the try's task has outlets and their events were written */
    boolean record(Tx h, ClaimedTry claimed, Instant now) {
        var outlets = claimed.task().outlets();
        if (outlets.isEmpty()) {
            return false;
        }
        var ti = claimed.ti();
        Assets.Source source = new Assets.Source(ti.dagId(), ti.runId(), ti.taskId(), ti.mapIndex());
        for (Asset asset : outlets) {
            if (assets.record(h, asset.uri(), source, "{}", now).isEmpty()) {
                // Declared by a DAG version the registry has not stored (a DAG defined only in a test harness).
                LOG.warn("{} updated {}, which is not stored; no event recorded", claimed.describe(), asset);
            }
        }
        return true;
    }

    /** Wakes the creation of asset-triggered runs (after the commit). */
    void recorded() {
        onEvents.run();
    }
}
