package org.orchestrator.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.state.Nodes;
import org.orchestrator.server.state.TryStops;

/**
 * A try taken away from its instance (marked, cleared) blocks the instance's next try until its
 * node has stopped it. When that node died first, nothing will: its stop is declared lost here
 * (logged and counted, see {@link TryStops}) and the instance may run again. A node counts as
 * dead as {@link ZombieReaper} decides: gone from the node table, or silent for a node timeout
 * once this node has itself reached the database that long.
 */
public final class ReleaseLostStops implements Runnable {

    private final Transactions db;
    private final Clock clock;
    private final Duration nodeTimeout;
    private final NodeRegistry self;
    private final Runnable wakeExecutor;
    private final Nodes nodes = new Nodes();
    private final TryStops stops = new TryStops();

    /**
     * @param db         db
     * @param clock        time
     * @param nodeTimeout  silence that means dead
     * @param self         this node
     * @param wakeExecutor told when instances may run again
     */
    public ReleaseLostStops(Transactions db, Clock clock, Duration nodeTimeout, NodeRegistry self, Runnable wakeExecutor) {
        this.db = db;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
        this.self = self;
        this.wakeExecutor = wakeExecutor;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        boolean trustHeartbeats = self.link().upFor(now, nodeTimeout);
        List<String> alive = new ArrayList<>(db.withHandle(h ->
                trustHeartbeats ? nodes.aliveSince(h, now.minus(nodeTimeout)) : nodes.all(h)));
        alive.add(self.nodeId());
        if (db.inTransaction(h -> stops.releaseLost(h, alive, now)) > 0) {
            wakeExecutor.run();
        }
    }
}
