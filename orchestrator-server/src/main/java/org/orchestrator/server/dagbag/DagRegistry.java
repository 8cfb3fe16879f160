package org.orchestrator.server.dagbag;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.server.state.Assets;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.ImportErrors;

/**
 * Writes what a scan found to the database: DAG rows (new ones paused or not, as configured),
 * their versions, the assets they wait for and update, inactive flags for DAGs that went away, and the import errors.
 */
public final class DagRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DagRegistry.class);

    private final Transactions db;
    private final Clock clock;
    private final boolean pausedAtCreation;
    private final Dags dags = new Dags();
    private final ImportErrors importErrors = new ImportErrors();
    private final Assets assets = new Assets();
    private Map<String, LoadedDag> synced = Map.of();

    /** @param db the database @param clock time @param pausedAtCreation whether new DAGs start paused */
    public DagRegistry(Transactions db, Clock clock, boolean pausedAtCreation) {
        this.db = db;
        this.clock = clock;
        this.pausedAtCreation = pausedAtCreation;
    }

    /**
     * Writes the DAGs that changed since the last call (all of them the first time), the inactive
     * flags and the import errors. Unchanged DAGs are not rewritten: saving one file among a
     * thousand costs one row, not a thousand.
     *
     * @param bag the DAGs and errors of the last scan
     * @return the DAGs whose current version changed (their schedules need a look)
     */
    public synchronized List<LoadedDag> sync(DagBag bag) {
        Instant now = clock.instant();
        List<LoadedDag> changed = bag.all().stream().filter(d -> synced.get(d.dag().id()) != d).toList();
        storeWithRetry(bag, changed, now);
        Map<String, LoadedDag> current = new HashMap<>();
        bag.all().forEach(d -> current.put(d.dag().id(), d));
        synced = current;
        return changed;
    }

    /**
     * Nodes of a cluster sharing one database may store the same new DAG at the same moment; the
     * loser of that race (a unique-key violation) sees the winner's rows when it tries again.
     */
    private void storeWithRetry(DagBag bag, List<LoadedDag> changed, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                store(bag, changed, now);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                LOG.info("storing the DAGs failed (attempt {}), trying again: {}", attempt, e.getMessage());
                java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(200L * attempt).toNanos());
            }
        }
    }

    private void store(DagBag bag, List<LoadedDag> changed, Instant now) {
        db.useTransaction(h -> {
            for (LoadedDag loaded : changed) {
                Dag dag = loaded.dag();
                dags.upsert(h, new Dags.DagRow(dag.id(), pausedAtCreation, true, dag.description(), dag.owner(),
                        String.join(",", dag.tags()), dag.schedule().expression(), dag.timezone().getId(),
                        loaded.bundle().toString(), loaded.version(), null, null), now);
                dags.addVersion(h, dag.id(), loaded.version(), loaded.bundle().toString(), dag.structure(), loaded.source(), now);
                assets.declare(h, dag.id(), AssetReferences.consumed(dag), AssetReferences.outlets(dag), now);
            }
            dags.deactivateAllBut(h, bag.all().stream().map(d -> d.dag().id()).toList());
            importErrors.replaceAll(h, bag.importErrors(), now);
        });
    }

    /** @return ids of the DAGs that are paused */
    public List<String> pausedIds() {
        return db.withHandle(h -> dags.all(h).stream().filter(Dags.DagRow::paused).map(Dags.DagRow::dagId).toList());
    }
}
