package org.orchestrator.server.execute;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} of the JVM, routed by thread: what a task prints on
 * its try's thread goes into that try's log, a line at a time and through the log's masker, so a
 * secret it prints never reaches the server's own output; everything else passes through
 * unchanged. Installed once per JVM (the streams are global); a try binds its thread for as long
 * as its task runs. Output of threads a task starts itself is not bound and passes through.
 */
final class TaskOutput {

    /** The try whose task runs on this thread, if any. */
    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();
    /** A line longer than this is written in pieces: a task printing without newlines cannot fill the heap. */
    private static final int MAX_LINE = 16 * 1024;
    private static PrintStream routedOut;
    private static PrintStream routedErr;

    private TaskOutput() {
    }

    /**
     * Routes {@code System.out} and {@code System.err} by thread from now on. Called by every
     * engine start; wraps a stream only when it is not already routed (again only when someone
     * replaced it meanwhile, as a test capturing the output does).
     */
    static synchronized void install() {
        if (System.out != routedOut) {
            routedOut = new PrintStream(new Router(System.out, false), true, StandardCharsets.UTF_8);
            System.setOut(routedOut);
        }
        if (System.err != routedErr) {
            routedErr = new PrintStream(new Router(System.err, true), true, StandardCharsets.UTF_8);
            System.setErr(routedErr);
        }
    }

    /**
     * Sends what this thread prints into the try's log until the binding is closed.
     *
     * @param log the try's log (it masks every line)
     * @return the binding; closing it writes a last unfinished line
     */
    static Binding bind(TryLogger log) {
        Binding binding = new Binding(log);
        BOUND.set(binding);
        return binding;
    }

    /** One try's thread bound to its log, with a partial line per stream. */
    static final class Binding implements AutoCloseable {

        private final TryLogger log;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private Binding(TryLogger log) {
            this.log = log;
        }

        private void write(boolean stderr, byte[] bytes, int offset, int length) {
            ByteArrayOutputStream line = stderr ? err : out;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    emit(stderr, line);
                } else {
                    line.write(bytes[i]);
                    if (line.size() >= MAX_LINE) {
                        emit(stderr, line);
                    }
                }
            }
        }

        private void emit(boolean stderr, ByteArrayOutputStream line) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (stderr) {
                log.warn("[stderr] {}", text);
            } else {
                log.info("[stdout] {}", text);
            }
        }

        @Override
        public void close() {
            BOUND.remove();
            if (out.size() > 0) {
                emit(false, out);
            }
            if (err.size() > 0) {
                emit(true, err);
            }
        }
    }

    /** The stream {@code System.out} (or {@code err}) writes into: to the bound try, else to the original. */
    private static final class Router extends OutputStream {

        private final PrintStream original;
        private final boolean stderr;

        Router(PrintStream original, boolean stderr) {
            this.original = original;
            this.stderr = stderr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            Binding binding = BOUND.get();
            if (binding == null) {
                original.write(bytes, offset, length);
            } else {
                binding.write(stderr, bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
