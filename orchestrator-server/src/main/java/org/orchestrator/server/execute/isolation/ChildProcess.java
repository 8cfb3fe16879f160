package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.orchestrator.api.TaskContext;

/**
 * A started child JVM, connected to its node: the process, the line to it and the pumps that copy
 * its output. It runs one try, or, when reused, several one after another.
 */
final class ChildProcess {

    private final Process process;
    private final Channel channel;
    private final ChildOutput output;
    private final OutputPump out;
    private final OutputPump err;
    private int tries;
    private long idleSince;

    private ChildProcess(Process process, Channel channel, ChildOutput output, OutputPump out, OutputPump err) {
        this.process = process;
        this.channel = channel;
        this.output = output;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts a child and waits until it connected to the socket.
     *
     * @throws ChildFailure               when the child died before it connected, with its exit code and last lines
     * @throws ClosedByInterruptException when the try was stopped meanwhile; the child is gone then
     */
    static ChildProcess start(List<String> command, Path socket, ChildOutput output, LastLines last, Duration grace)
            throws IOException, InterruptedException {
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            process = launch(command);
            OutputPump out = OutputPump.start("child-out-" + process.pid(), process.getInputStream(), output.stream(false));
            OutputPump err = OutputPump.start("child-err-" + process.pid(), process.getErrorStream(), output.stream(true));
            // A child that dies before it connects must not leave this thread waiting in accept.
            process.onExit().thenRun(() -> closeQuietly(server));
            ChildProcess child = new ChildProcess(process, new Channel(accept(server, process, out, err, last)), output, out, err);
            process = null;
            return child;
        } finally {
            if (process != null) {
                ProcessTree.stop(process.toHandle(), grace);
            }
        }
    }

    private static Process launch(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // The node's own settings (database password, connection URIs, the secret key) stay with the node.
        builder.environment().keySet().removeIf(name -> name.startsWith("ORCHESTRATOR_"));
        return builder.start();
    }

    private static SocketChannel accept(ServerSocketChannel server, Process process, OutputPump out, OutputPump err,
                                        LastLines last) throws IOException, InterruptedException {
        try {
            return server.accept();
        } catch (ClosedByInterruptException stopped) {
            throw stopped;
        } catch (AsynchronousCloseException diedEarly) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ClosedByInterruptException();
            }
            int exit = process.waitFor();
            out.awaitEnd(ChildJvm.OUTPUT_PATIENCE);
            err.awaitEnd(ChildJvm.OUTPUT_PATIENCE);
            throw new ChildFailure(ExitCodes.describe(exit) + " before it connected to its node; last lines: " + last);
        }
    }

    /** Sends what the child prints from now on to this try. */
    void attach(TaskContext context, LastLines last) {
        output.attach(context, last);
    }

    /**
     * Runs one try: sends it, serves the child's calls, and returns its report.
     *
     * @return the child's report, or null when it went away without one
     */
    Map<String, Object> runTry(Map<String, Object> start, ChildRequests requests, Consumer<String> lines) throws IOException {
        tries++;
        channel.send(start);
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

    /** @return true once everything the child printed during the try has reached the try's log */
    boolean awaitEndOfTry() throws InterruptedException {
        return output.awaitEndOfTry(ChildJvm.OUTPUT_PATIENCE);
    }

    /** @return the exit code of a child that ends after its try, once its output is copied */
    int awaitExit() throws InterruptedException {
        int exit = process.waitFor();
        out.awaitEnd(ChildJvm.OUTPUT_PATIENCE);
        err.awaitEnd(ChildJvm.OUTPUT_PATIENCE);
        return exit;
    }

    /** @return the exit code, or -1 while the child runs */
    int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int tries() {
        return tries;
    }

    void idleSince(long nanoTime) {
        idleSince = nanoTime;
    }

    long idleSince() {
        return idleSince;
    }

    /** Stops the child and what it started: the line closes (a reused child then exits), then SIGTERM, then SIGKILL. */
    void stop(Duration grace) {
        channel.close();
        if (process.isAlive()) {
            ProcessTree.stop(process.toHandle(), grace);
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed: the child connected
        }
    }
}
