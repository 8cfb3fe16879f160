package org.orchestrator.server.dagbag;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DAGs the server knows, by id and version.
 *
 * <p>The <em>current</em> version of each DAG is the one found in the dags folder by the last scan,
 * or the one pinned in code (benchmarks, {@code dags test}, tests), which a folder scan never
 * removes. New runs use the current version. A version that stops being current (its bundle
 * changed or went away) is <em>retired</em> but kept, class loader and all, so the runs that
 * started on it finish on it; {@link VersionReleaser} releases it once no unfinished run uses it.
 *
 * <p>Reads are lock-free; updates swap whole maps.
 */
public final class DagBag {

    private static final Logger LOG = LoggerFactory.getLogger(DagBag.class);

    private volatile Map<String, LoadedDag> scanned = Map.of();
    private volatile Map<String, LoadedDag> pinned = Map.of();
    private volatile Map<String, String> importErrors = Map.of();
    private final Map<String, LoadedDag> retired = new ConcurrentHashMap<>();

    /** @param dagId a DAG id @return its current version, if it has one */
    public Optional<LoadedDag> get(String dagId) {
        LoadedDag dag = pinned.get(dagId);
        return Optional.ofNullable(dag != null ? dag : scanned.get(dagId));
    }

    /**
     * @param dagId   a DAG id
     * @param version a version hash
     * @return that version of the DAG, current or retired, if it is still loaded
     */
    public Optional<LoadedDag> get(String dagId, String version) {
        Optional<LoadedDag> current = get(dagId).filter(d -> d.version().equals(version));
        return current.isPresent() ? current : Optional.ofNullable(retired.get(key(dagId, version)));
    }

    /**
     * The version a run uses: the one it was created with while that is loaded; otherwise (a run
     * created before a restart, or with no version) the DAG's {@link #latest latest} version, as
     * Airflow would.
     *
     * @param dagId   the run's DAG
     * @param version the run's {@code dag_version}, or null
     * @return the version to run it with
     */
    public Optional<LoadedDag> forRun(String dagId, String version) {
        Optional<LoadedDag> exact = version == null ? Optional.empty() : get(dagId, version);
        if (exact.isPresent()) {
            return exact;
        }
        Optional<LoadedDag> latest = latest(dagId);
        latest.ifPresent(l -> LOG.debug("version {} of dag '{}' is not loaded; using version {}", version, dagId, l.version()));
        return latest;
    }

    /**
     * @param dagId a DAG id
     * @return its current version, or, when its bundle went away, a version kept for its unfinished runs
     */
    public Optional<LoadedDag> latest(String dagId) {
        Optional<LoadedDag> current = get(dagId);
        return current.isPresent() ? current
                : retired.values().stream().filter(d -> d.dag().id().equals(dagId)).findFirst();
    }

    /** @return the current version of every DAG */
    public Collection<LoadedDag> all() {
        Map<String, LoadedDag> all = new HashMap<>(scanned);
        all.putAll(pinned);
        return List.copyOf(all.values());
    }

    /** @return the retired versions still kept for unfinished runs */
    public List<LoadedDag> retired() {
        return List.copyOf(retired.values());
    }

    /** @return bundle file → error message, for the last scan */
    public Map<String, String> importErrors() {
        return importErrors;
    }

    /** Replaces the scanned DAGs and errors after a scan; versions no longer current are retired. */
    synchronized void replace(Map<String, LoadedDag> loaded, Map<String, String> errors) {
        Map<String, LoadedDag> previous = scanned;
        this.scanned = Map.copyOf(loaded);
        this.importErrors = Map.copyOf(errors);
        previous.values().forEach(old -> retireIfReplaced(old, loaded.get(old.dag().id())));
    }

    /**
     * Adds DAGs defined in code; they stay whatever the dags folder holds.
     *
     * @param loaded the DAGs
     */
    public synchronized void pin(Collection<LoadedDag> loaded) {
        Map<String, LoadedDag> copy = new HashMap<>(pinned);
        loaded.forEach(d -> copy.put(d.dag().id(), d));
        Map<String, LoadedDag> previous = pinned;
        this.pinned = Map.copyOf(copy);
        previous.values().forEach(old -> retireIfReplaced(old, copy.get(old.dag().id())));
    }

    /**
     * Forgets a retired version; its class loader is closed once no version still kept uses it.
     *
     * @param version a retired version
     */
    public synchronized void release(LoadedDag version) {
        if (retired.remove(key(version.dag().id(), version.version()), version)) {
            LOG.info("released version {} of dag '{}'", version.version(), version.dag().id());
            closeIfUnused(version.loader());
        }
    }

    /** Keeps a version restored for runs that still use it, as if it had been retired. */
    synchronized void keep(LoadedDag version) {
        if (get(version.dag().id(), version.version()).isEmpty()) {
            retired.put(key(version.dag().id(), version.version()), version);
        }
    }

    private void retireIfReplaced(LoadedDag old, LoadedDag replacement) {
        if (old == replacement) {
            return;
        }
        if (replacement != null && replacement.version().equals(old.version())) {
            // Same definition reloaded: runs on it resolve to the replacement.
            closeIfUnused(old.loader());
            return;
        }
        retired.put(key(old.dag().id(), old.version()), old);
        LOG.info("retired version {} of dag '{}'; kept until its last run ends", old.version(), old.dag().id());
    }

    private void closeIfUnused(ClassLoader loader) {
        if (!(loader instanceof AutoCloseable closeable)) {
            return;
        }
        boolean used = Stream.of(scanned.values(), pinned.values(), retired.values())
                .flatMap(Collection::stream).anyMatch(d -> d.loader() == loader);
        if (!used) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("cannot close class loader {}: {}", loader.getName(), e.getMessage());
            }
        }
    }

    private static String key(String dagId, String version) {
        return dagId + "@" + version;
    }
}
