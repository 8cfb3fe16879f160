package org.orchestrator.server.dagbag;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescans the dags folder when something in it changes, on a daemon thread of its own (so a slow
 * bundle never holds up the sweep). The folder and every directory below it are watched with
 * {@link WatchService}; events are debounced (an editor's save or a copy is several events) and
 * then one rescan runs. With no event for a whole fallback interval it rescans anyway, for file
 * systems whose events get lost (network mounts, overflows).
 */
public final class DagFolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DagFolderWatcher.class);
    /** Quiet time that ends a burst of events. */
    static final Duration DEBOUNCE = Duration.ofMillis(100);
    /** A burst never delays the rescan longer than this. */
    static final Duration MAX_DELAY = Duration.ofMillis(1000);

    private final Path folder;
    private final Duration fallback;
    private final Runnable warmUp;
    private final Runnable rescan;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts watching.
     *
     * @param folder   the dags folder (created if missing)
     * @param fallback rescan at least this often
     * @param warmUp   run once on the watcher's thread before it waits for changes (changes made
     *                 meanwhile are queued, not lost)
     * @param rescan   what to run on a change
     */
    public DagFolderWatcher(Path folder, Duration fallback, Runnable warmUp, Runnable rescan) {
        this.folder = folder;
        this.fallback = fallback;
        this.warmUp = warmUp;
        this.rescan = rescan;
        this.watcher = newWatcher();
        registerTree(folder);
        this.thread = Thread.ofPlatform().name("dags-watcher").daemon().start(this::loop);
    }

    private void loop() {
        try {
            warmUp.run();
        } catch (RuntimeException e) {
            LOG.warn("dags folder warm-up failed: {}", e.getMessage());
        }
        while (running) {
            try {
                WatchKey key = watcher.poll(fallback.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    drain(key);
                    debounce();
                }
                rescan.run();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (Throwable e) {
                LOG.error("dags folder rescan failed; carrying on", e);
            }
        }
    }

    /** Waits until the folder is quiet for {@link #DEBOUNCE}, at most {@link #MAX_DELAY}. */
    private void debounce() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_DELAY.toNanos();
        WatchKey key;
        while (System.nanoTime() < deadline && (key = watcher.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            drain(key);
        }
    }

    /** New directories get watched too, so sources added below the folder are seen. */
    private void drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                registerTree(dir.resolve(name));
            }
        }
        key.reset();
    }

    private void registerTree(Path root) {
        try {
            Files.createDirectories(folder);
            register(root);
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}); changes there are seen by the periodic rescan", root, e.getMessage());
        }
    }

    /**
     * Registers a directory before listing it: a subdirectory created after the registration
     * raises an event, one created before is in the listing, so none falls in between.
     */
    private void register(Path dir) throws IOException {
        dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        List<Path> children;
        try (Stream<Path> entries = Files.list(dir)) {
            children = entries.filter(Files::isDirectory).toList();
        }
        for (Path child : children) {
            register(child);
        }
    }

    private static WatchService newWatcher() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch the dags folder", e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
            thread.join(5_000);
        } catch (IOException e) {
            LOG.debug("closing the dags folder watcher: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
