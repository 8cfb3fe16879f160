package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.orchestrator.api.OrchestratorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the dags folder: every jar in its own class loader; unchanged jars are not reloaded. One
 * broken jar or DAG becomes an import error and never stops the others.
 */
public final class DagFolderScanner {

    private static final Logger LOG = LoggerFactory.getLogger(DagFolderScanner.class);

    private final Path folder;
    private final DagBag bag;
    private final BundleLoader loader;
    private final Map<Path, Loaded> cache = new HashMap<>();

    private record Loaded(FileTime modified, long size, List<LoadedDag> dags, String error) {
    }

    /**
     * @param folder      the dags folder
     * @param bag         where loaded DAGs go
     * @param loadTimeout how long one bundle may take to hand over its DAGs
     */
    public DagFolderScanner(Path folder, DagBag bag, Duration loadTimeout) {
        this.folder = folder;
        this.bag = bag;
        this.loader = new BundleLoader(loadTimeout);
    }

    /**
     * Rescans the folder and swaps the bag's content.
     *
     * @return true when anything changed since the last scan
     */
    public synchronized boolean scan() {
        List<Path> jars = listJars();
        boolean changed = cache.keySet().retainAll(jars);
        for (Path jar : jars) {
            changed |= refresh(jar);
        }
        if (changed) {
            publish();
        }
        return changed;
    }

    private boolean refresh(Path jar) {
        try {
            FileTime modified = Files.getLastModifiedTime(jar);
            long size = Files.size(jar);
            Loaded previous = cache.get(jar);
            if (previous != null && previous.modified().equals(modified) && previous.size() == size) {
                return false;
            }
            cache.put(jar, load(jar, modified, size));
            return true;
        } catch (IOException e) {
            cache.put(jar, new Loaded(FileTime.fromMillis(0), -1, List.of(), "cannot read " + jar.getFileName() + ": " + e));
            return true;
        }
    }

    private Loaded load(Path jar, FileTime modified, long size) {
        try {
            List<LoadedDag> dags = loader.load(jar);
            LOG.info("loaded {} DAG(s) from {}", dags.size(), jar.getFileName());
            return new Loaded(modified, size, dags, null);
        } catch (OrchestratorException e) {
            LOG.warn("import error in {}: {}", jar.getFileName(), e.getMessage());
            return new Loaded(modified, size, List.of(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("import error in {}", jar.getFileName(), e);
            return new Loaded(modified, size, List.of(), BundleLoader.describe(e));
        }
    }

    /** Two bundles defining the same DAG id: the first file (by name) keeps it, the other gets an error. */
    private void publish() {
        Map<String, LoadedDag> dags = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        cache.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Loaded loaded = entry.getValue();
            if (loaded.error() != null) {
                errors.put(entry.getKey().toString(), loaded.error());
            }
            for (LoadedDag dag : loaded.dags()) {
                LoadedDag first = dags.putIfAbsent(dag.dag().id(), dag);
                if (first != null) {
                    errors.put(entry.getKey().toString(), "dag id '" + dag.dag().id() + "' is already defined by "
                            + first.bundle().getFileName());
                }
            }
        });
        bag.replace(dags, errors);
    }

    private List<Path> listJars() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.error("cannot list the dags folder {}", folder, e);
            return List.copyOf(cache.keySet());
        }
    }
}
