package org.orchestrator.server.dagbag;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Dags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart the bag holds only what the dags folder holds now. A run left unfinished on an
 * older version of a <em>source</em> DAG gets that version back: it is recompiled from the source
 * stored with the version, and kept like a retired version until its last run ends. Versions
 * loaded from jars keep no copy of the jar; their runs go on with the current version (tasks it
 * lacks end as {@code removed}), as Airflow's runs do.
 */
public final class VersionRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(VersionRestorer.class);

    private final Transactions db;
    private final DagBag bag;
    private final DagFolderScanner scanner;
    private final DagRuns runs = new DagRuns();
    private final Dags dags = new Dags();

    /** @param db the database @param bag DAGs @param scanner compiles stored sources */
    public VersionRestorer(Transactions db, DagBag bag, DagFolderScanner scanner) {
        this.db = db;
        this.bag = bag;
        this.scanner = scanner;
    }

    /** @return how many versions were restored */
    public int restore() {
        Set<String> inUse = db.withHandle(runs::versionsInUse);
        int restored = 0;
        for (String key : inUse) {
            // Version hashes are hex: the last '@' separates them from the DAG id.
            String dagId = key.substring(0, key.lastIndexOf('@'));
            String version = key.substring(key.lastIndexOf('@') + 1);
            if (bag.get(dagId, version).isEmpty() && restore(dagId, version)) {
                restored++;
            }
        }
        return restored;
    }

    private boolean restore(String dagId, String version) {
        Optional<Dags.VersionRow> row = db.withHandle(h -> dags.version(h, dagId, version));
        if (row.isEmpty() || row.get().source() == null) {
            LOG.info("version {} of dag '{}' has no stored source; its runs go on with the current version", version, dagId);
            return false;
        }
        try {
            Optional<LoadedDag> loaded = scanner.loadStored(Path.of(row.get().fileloc()), row.get().source()).stream()
                    .filter(d -> d.dag().id().equals(dagId)).findFirst()
                    .map(d -> new LoadedDag(d.dag(), version, d.bundle(), d.source(), d.loader()));
            loaded.ifPresent(bag::keep);
            LOG.info("version {} of dag '{}' {} for its unfinished runs", version, dagId,
                    loaded.isPresent() ? "restored from its stored source" : "not restored: its source no longer defines it");
            return loaded.isPresent();
        } catch (OrchestratorException | LinkageError e) {
            LOG.warn("version {} of dag '{}' cannot be restored from its stored source; its runs go on with the current "
                    + "version: {}", version, dagId, e.getMessage());
            return false;
        }
    }
}
