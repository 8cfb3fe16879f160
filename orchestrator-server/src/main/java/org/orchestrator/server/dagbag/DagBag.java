package org.orchestrator.server.dagbag;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DAGs the server knows right now, by id: those found in the dags folder, plus DAGs pinned in
 * code (benchmarks, {@code dags test}, tests), which a folder scan never removes. Reads are
 * lock-free; updates swap whole maps.
 */
public final class DagBag {

    private volatile Map<String, LoadedDag> scanned = Map.of();
    private volatile Map<String, LoadedDag> pinned = Map.of();
    private volatile Map<String, String> importErrors = Map.of();

    /** @param dagId a DAG id @return the loaded DAG, if any */
    public Optional<LoadedDag> get(String dagId) {
        LoadedDag dag = pinned.get(dagId);
        return Optional.ofNullable(dag != null ? dag : scanned.get(dagId));
    }

    /** @return every loaded DAG */
    public Collection<LoadedDag> all() {
        Map<String, LoadedDag> all = new HashMap<>(scanned);
        all.putAll(pinned);
        return List.copyOf(all.values());
    }

    /** @return bundle file → error message, for the last scan */
    public Map<String, String> importErrors() {
        return importErrors;
    }

    /** Replaces the scanned DAGs and errors after a scan. */
    void replace(Map<String, LoadedDag> loaded, Map<String, String> errors) {
        this.scanned = Map.copyOf(loaded);
        this.importErrors = Map.copyOf(errors);
    }

    /**
     * Adds DAGs defined in code; they stay whatever the dags folder holds.
     *
     * @param loaded the DAGs
     */
    public synchronized void pin(Collection<LoadedDag> loaded) {
        Map<String, LoadedDag> copy = new HashMap<>(pinned);
        loaded.forEach(d -> copy.put(d.dag().id(), d));
        this.pinned = Map.copyOf(copy);
    }
}
