package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskContext;

/**
 * Runs one try in a child JVM and owns it: starts it, serves its context over the channel, copies
 * its output into the try's log, and stops its whole process tree when the try's thread is
 * interrupted (execution timeout, mark, clear, delete, shutdown: the paths that stop a try on a
 * thread stop this one too). The try's outcome is the child's report when it exits cleanly, else
 * a failure naming the exit code or signal and the child's last lines.
 */
public final class ChildJvm {

    private static final Duration OUTPUT_PATIENCE = Duration.ofSeconds(1);
    private final IsolationConfig config;
    private ChildArchive archive;

    /** @param config the node's isolation settings */
    public ChildJvm(IsolationConfig config) {
        this.config = config;
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
        Path dir = privateDirectory();
        Path socketPath = dir.resolve("s");
        LastLines last = new LastLines();
        Process process = null;
        ChildCommand.Line command = ChildCommand.of(config.jvmOptions(), task.jvmOptions(), socketPath, archive());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            process = start(command.command());
            OutputPump out = pump(process, false, context, last);
            OutputPump err = pump(process, true, context, last);
            // A child that dies before it connects must not leave this thread waiting in accept.
            process.onExit().thenRun(() -> closeQuietly(server));
            Map<String, Object> done = converse(server, task, context, line -> { last.add(line); lines.accept(line); });
            int exit = process.waitFor();
            out.awaitEnd(OUTPUT_PATIENCE);
            err.awaitEnd(OUTPUT_PATIENCE);
            settle(done, exit, last);
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("stopped");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            throw new ChildFailure("child JVM: " + e.getMessage() + "; last lines: " + last);
        } finally {
            if (process != null && process.isAlive()) {
                ProcessTree.stop(process.toHandle(), config.killGrace());
            }
            if (command.trainsArchive()) {
                archive().trained(process == null || process.isAlive() ? -1 : process.exitValue());
            }
            deleteQuietly(socketPath, dir);
        }
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // The node's own settings (database password, connection URIs, the secret key) stay with the node.
        builder.environment().keySet().removeIf(name -> name.startsWith("ORCHESTRATOR_"));
        return builder.start();
    }

    private static OutputPump pump(Process process, boolean stderr, TaskContext context, LastLines last) {
        String tag = stderr ? "[stderr] " : "[stdout] ";
        return OutputPump.start("child-" + (stderr ? "err-" : "out-") + process.pid(),
                stderr ? process.getErrorStream() : process.getInputStream(), line -> {
                    last.add(tag + line);
                    if (stderr) {
                        context.log().warn("{}{}", tag, line);
                    } else {
                        context.log().info("{}{}", tag, line);
                    }
                });
    }

    /** @return the child's report, or null when it went away without one */
    private static Map<String, Object> converse(ServerSocketChannel server, ChildTask task, TaskContext context,
                                                Consumer<String> lines)
            throws IOException {
        SocketChannel socket;
        try {
            socket = server.accept();
        } catch (java.nio.channels.AsynchronousCloseException diedEarly) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ClosedByInterruptException();
            }
            return null;
        }
        try (Channel channel = new Channel(socket)) {
            channel.send(ChildRequests.start(context, task));
            return serve(channel, new ChildRequests(context), lines);
        }
    }

    private static Map<String, Object> serve(Channel channel, ChildRequests requests, Consumer<String> lines) throws IOException {
        for (Map<String, Object> message = channel.receive(); message != null; message = channel.receive()) {
            switch ((String) message.get("type")) {
                case "log" -> lines.accept((String) message.get("line"));
                case "push" -> requests.pushed(message);
                case "branches" -> requests.branches(message);
                case "call" -> channel.send(requests.answer(message));
                case "done" -> {
                    return message;
                }
                default -> throw new IOException("unknown message from the child JVM: " + message.get("type"));
            }
        }
        return null;
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

    private static Path privateDirectory() {
        try {
            // Created owner-only: no other user can connect to the socket inside.
            return Files.createTempDirectory("orchestrator-try-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a child JVM's socket", e);
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed: the child connected and ended
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
