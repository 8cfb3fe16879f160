package org.orchestrator.server.execute;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.internal.BackgroundLoop;
import org.orchestrator.server.state.TryStops;
import org.orchestrator.server.state.TryStops.Owner;

/**
 * The heartbeat of this node's tries: each running try must still own its task instance (running,
 * its try number, this node). One that does not — marked, cleared, its run set to a state or
 * deleted, reaped as a zombie after an outage — is stopped at once, so no two tries of an instance
 * ever run together. It learns this from the database alone, so changes made by another node or
 * by the CLI stop tries here within one interval; a local action wakes it for an immediate stop.
 */
final class TryWatch implements AutoCloseable {

    /** How long a try may ignore its interrupt before its stop is declared lost. */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final Transactions db;
    private final TryRunner runner;
    private final String node;
    private final TryStops stops = new TryStops();
    private final BackgroundLoop loop;

    TryWatch(Transactions db, TryRunner runner, String node, Duration interval) {
        this.db = db;
        this.runner = runner;
        this.node = node;
        this.loop = new BackgroundLoop("try-watch", interval, this::check).start();
    }

    /** Checks now rather than at the next interval. */
    void wakeup() {
        loop.wakeup();
    }

    private void check() {
        Set<TryRunner.Key> mine = runner.runningTries();
        if (!mine.isEmpty()) {
            Set<Long> ids = mine.stream().map(TryRunner.Key::tiId).collect(Collectors.toSet());
            List<Owner> owners = db.withHandle(h -> stops.owners(h, ids));
            Map<Long, Owner> byId = owners.stream().collect(Collectors.toMap(Owner::tiId, Function.identity()));
            mine.forEach(key -> check(key, byId.get(key.tiId())));
        }
        runner.declareLost(STOP_PATIENCE);
    }

    private void check(TryRunner.Key key, Owner owner) {
        int tryNumber = key.tryNumber();
        if (owner == null) {
            runner.stop(key, "its task instance was deleted (its run or its DAG was deleted)");
        } else if (owner.tookAway(tryNumber, node)) {
            runner.stop(key, "its task instance is now " + owner.state().wireName()
                    + " (marked, cleared or its run's state set)");
        } else if ((owner.state() != TaskState.RUNNING || owner.tryNumber() != tryNumber || !node.equals(owner.node()))
                && runner.stop(key, "its task instance went to try " + owner.tryNumber() + " on node "
                + owner.node() + " (this node was taken for dead)")) {
            TryStops.discarded(key.tiId(), tryNumber);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
