package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orchestrator.api.OrchestratorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the dags folder (see {@link DagFolder} for what counts as a bundle): jars and compiled
 * sources, each bundle in its own class loader. Unchanged bundles are not reloaded (a jar is
 * unchanged while its modification time and size are; sources while their text is). One broken
 * bundle becomes an import error and never stops the others; while a bundle that loaded before is
 * broken, its last good DAGs stay loaded.
 */
public final class DagFolderScanner {

    private static final Logger LOG = LoggerFactory.getLogger(DagFolderScanner.class);

    private final DagFolder folder;
    private final DagBag bag;
    private final BundleLoader jars;
    private final SourceBundleLoader sources;
    private final LibraryJars lib;
    private final Map<Path, Loaded> cache = new HashMap<>();
    private final ExecutorService loaders = loaderPool();
    private String libError;

    private record Loaded(String fingerprint, List<LoadedDag> dags, String error) {
    }

    /**
     * @param folder      the dags folder
     * @param bag         where loaded DAGs go
     * @param loadTimeout how long one bundle may take to hand over its DAGs
     */
    public DagFolderScanner(Path folder, DagBag bag, Duration loadTimeout) {
        this.folder = new DagFolder(folder);
        this.bag = bag;
        GuardedLoad guard = new GuardedLoad(loadTimeout);
        ShadowCopies copies = new ShadowCopies();
        this.jars = new BundleLoader(guard, copies);
        this.sources = new SourceBundleLoader(new SourceCompiler(this.folder.path()), guard);
        this.lib = new LibraryJars(copies);
    }

    /** @return the dags folder */
    public Path folder() {
        return folder.path();
    }

    /**
     * Changed bundles load a few at a time: each waits on its own guarded thread, and a thousand
     * jars at start should take a fraction of a thousand loads' time. Idle threads go away.
     */
    private static ExecutorService loaderPool() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("dag-scan-", 1).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Makes the first compile of a source fast; worth calling once on a background thread. Done
     * only when the folder holds sources: warming javac costs a core for a second or two, which a
     * jar-only deployment should not pay at start-up.
     */
    public void warmUp() {
        if (holdsSources()) {
            sources.warmUp();
        }
    }

    private boolean holdsSources() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder(), 4)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".java"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Rescans the folder and swaps the bag's content.
     *
     * @return true when anything changed since the last scan
     */
    public synchronized boolean scan() {
        List<BundleFiles> bundles;
        try {
            bundles = folder.bundles();
        } catch (UncheckedIOException e) {
            LOG.error("cannot list the dags folder {}; keeping what is loaded", folder.path(), e);
            return false;
        }
        boolean changed = refreshLib();
        changed |= cache.keySet().retainAll(bundles.stream().map(BundleFiles::path).toList());
        Map<Path, Future<Loaded>> loading = new LinkedHashMap<>();
        for (BundleFiles bundle : bundles) {
            refresh(bundle).ifPresent(load -> loading.put(bundle.path(), load));
        }
        loading.forEach((path, load) -> cache.put(path, await(path, load)));
        changed |= !loading.isEmpty();
        if (changed) {
            publish();
        }
        return changed;
    }

    /**
     * Compiles and loads a source bundle as it was stored with one of its versions (after a
     * restart, for runs still on that version), against the current {@code dags/lib}.
     *
     * @param bundle the bundle's path when the version was loaded
     * @param text   the version's stored source
     * @return its DAGs
     */
    synchronized List<LoadedDag> loadStored(Path bundle, String text) {
        SourceSnapshot snapshot = SourceSnapshot.parse(folder.path(), bundle, text);
        BundleFiles files = new BundleFiles(bundle, BundleFiles.Kind.SOURCES, List.copyOf(snapshot.files().keySet()));
        return sources.load(folder.path().relativize(bundle) + " (stored)", files, snapshot, lib);
    }

    private boolean refreshLib() {
        String before = lib.hash() + libError;
        try {
            lib.refresh(folder.libJars());
            libError = null;
        } catch (UncheckedIOException e) {
            libError = e.getMessage() + ": " + e.getCause().getMessage();
        }
        return !before.equals(lib.hash() + libError);
    }

    /** @return the bundle's load, started, when it changed since the last scan */
    private Optional<Future<Loaded>> refresh(BundleFiles bundle) {
        Loaded previous = cache.get(bundle.path());
        String name = folder.path().relativize(bundle.path()).toString();
        Probe probe = probe(bundle, name);
        if (previous != null && previous.fingerprint().equals(probe.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(loaders.submit(() -> load(name, previous, probe)));
    }

    private Loaded await(Path bundle, Future<Loaded> load) {
        try {
            return load.get();
        } catch (ExecutionException e) {
            // load() turns every failure into an import error; only an Error gets here.
            return new Loaded("failed", List.of(), GuardedLoad.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Loaded("interrupted", List.of(), "loading " + bundle.getFileName() + " was interrupted");
        }
    }

    /** What a bundle looks like now, and how to load it if that differs from last time. */
    private record Probe(String fingerprint, Supplier<List<LoadedDag>> load) {
    }

    private Probe probe(BundleFiles bundle, String name) {
        try {
            if (bundle.kind() == BundleFiles.Kind.JAR) {
                String fingerprint = Files.getLastModifiedTime(bundle.path()) + "|" + Files.size(bundle.path());
                return new Probe(fingerprint, () -> jars.load(bundle.path()));
            }
            SourceSnapshot snapshot = SourceSnapshot.read(folder.path(), bundle);
            return new Probe(snapshot.hash() + "|" + lib.hash(), () -> sources.load(name, bundle, snapshot, lib));
        } catch (IOException | OrchestratorException e) {
            String error = e instanceof IOException ? "cannot read " + name + ": " + e : e.getMessage();
            return new Probe("unreadable|" + error, () -> {
                throw new BundleException(error);
            });
        }
    }

    private static Loaded load(String name, Loaded previous, Probe probe) {
        long start = System.nanoTime();
        try {
            List<LoadedDag> dags = probe.load().get();
            LOG.info("loaded {} DAG(s) from {} in {} ms", dags.size(), name, (System.nanoTime() - start) / 1_000_000);
            return new Loaded(probe.fingerprint(), dags, null);
        } catch (OrchestratorException e) {
            LOG.warn("import error in {}: {}", name, e.getMessage());
            return failed(previous, probe.fingerprint(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("import error in {}", name, e);
            return failed(previous, probe.fingerprint(), GuardedLoad.describe(e));
        }
    }

    /** The previous good DAGs stay loaded while the bundle is broken: a typo must not stop a pipeline. */
    private static Loaded failed(Loaded previous, String fingerprint, String error) {
        return new Loaded(fingerprint, previous == null ? List.of() : previous.dags(), error);
    }

    /** Two bundles defining the same DAG id: the first path (by name) keeps it, the other gets an error. */
    private void publish() {
        Map<String, LoadedDag> dags = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (libError != null) {
            errors.put(folder.lib().toString(), libError);
        }
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
}
