package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskContext;

/**
 * Runs one try in a child JVM and owns it: starts it (or takes a warm one a {@code reuse(true)}
 * try left), serves its context over the channel, copies its output into the try's log, and stops
 * its whole process tree when the try's thread is interrupted (execution timeout, mark, clear,
 * delete, shutdown: the paths that stop a try on a thread stop this one too). The try's outcome is
 * the child's report when it exits cleanly (or, reused, stays up), else a failure naming the exit
 * code or signal and the child's last lines.
 */
public final class ChildJvm implements AutoCloseable {

    static final Duration OUTPUT_PATIENCE = Duration.ofSeconds(1);
    private final IsolationConfig config;
    private final WarmChildren warm;
    private ChildArchive archive;

    /** @param config the node's isolation settings */
    public ChildJvm(IsolationConfig config) {
        this.config = config;
        this.warm = new WarmChildren(config);
    }

    /** Created with the first child, so a node that isolates nothing makes no directory. */
    private synchronized ChildArchive archive() {
        if (archive == null) {
            archive = ChildArchive.inTemporaryDirectory();
        }
        return archive;
    }

    /**
     * Runs the try's task in a child JVM and returns when it has ended.
     *
     * @param task    where the child finds the task
     * @param context the try's server context: the child's calls are served by it
     * @param lines   takes each formatted line the task logged (the try's log, which masks it)
     * @throws SkipTaskException    when the task skipped itself
     * @throws ChildFailure         when the task failed or its JVM died
     * @throws InterruptedException when the try was stopped; the child's tree is gone by then
     */
    public void run(ChildTask task, TaskContext context, Consumer<String> lines) throws InterruptedException {
        LastLines last = new LastLines();
        ChildProcess child = task.reuse() ? warm.take(task) : null;
        ChildCommand.Line command = null;
        boolean keep = false;
        try {
            if (child == null) {
                command = ChildCommand.of(config.jvmOptions(), task.jvmOptions(), archive());
                child = start(command, context, last);
            } else {
                context.log().info("reusing a warm child JVM ({} tries before this one)", child.tries());
                child.attach(context, last);
            }
            // A child that trains the archive must exit for the archive to be written.
            boolean reusable = task.reuse() && (command == null || !command.trainsArchive());
            Map<String, Object> done = child.runTry(ChildRequests.start(context, task, reusable), new ChildRequests(context),
                    line -> { last.add(line); lines.accept(line); });
            if (reusable && done != null) {
                keep = child.awaitEndOfTry() && !"failed".equals(done.get("result"));
                settle(done, 0, last);
            } else {
                settle(done, child.awaitExit(), last);
            }
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("stopped");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            throw new ChildFailure("child JVM: " + e.getMessage() + "; last lines: " + last);
        } finally {
            release(task, child, keep);
            if (command != null && command.trainsArchive()) {
                archive().trained(child == null ? -1 : child.exitValue());
            }
        }
    }

    private ChildProcess start(ChildCommand.Line command, TaskContext context, LastLines last) throws IOException, InterruptedException {
        Path dir = privateDirectory();
        Path socket = dir.resolve("s");
        try {
            return ChildProcess.start(command.command(socket), socket, new ChildOutput(context, last), last, config.killGrace());
        } finally {
            // A connected socket outlives its name: nothing else may connect to it from now on.
            deleteQuietly(socket, dir);
        }
    }

    private void release(ChildTask task, ChildProcess child, boolean keep) {
        if (child == null) {
            return;
        }
        if (keep) {
            warm.give(task, child);
        } else {
            child.stop(config.killGrace());
        }
    }

    private static void settle(Map<String, Object> done, int exit, LastLines last) {
        String result = done == null ? null : (String) done.get("result");
        if ("success".equals(result) && exit == 0) {
            return;
        }
        if ("skipped".equals(result) && exit == 0) {
            throw new SkipTaskException((String) done.get("error"));
        }
        if (result != null && !"success".equals(result)) {
            throw new ChildFailure((String) done.get("error"));
        }
        throw new ChildFailure(ExitCodes.describe(exit) + " without reporting an outcome; last lines: " + last);
    }

    /** Stops the warm children: the node is shutting down. */
    @Override
    public void close() {
        warm.close();
    }

    private static Path privateDirectory() {
        try {
            // Created owner-only: no other user can connect to the socket inside.
            return Files.createTempDirectory("orchestrator-try-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a child JVM's socket", e);
        }
    }

    private static void deleteQuietly(Path socket, Path dir) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory is left behind; nothing reads it
        }
    }
}
