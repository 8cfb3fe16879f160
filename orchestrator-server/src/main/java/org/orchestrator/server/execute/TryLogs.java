package org.orchestrator.server.execute;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TryLogPath;

/**
 * The try log files under the logs folder ({@link TryLogPath} names them), and reading them from
 * an offset so a client can follow a running try.
 */
public final class TryLogs {

    private final Path root;
    private final UnaryOperator<String> mask;

    /** @param root the logs folder */
    public TryLogs(Path root) {
        this(root, UnaryOperator.identity());
    }

    /**
     * @param root the logs folder
     * @param mask applied to every line before it is written (hides secrets)
     */
    public TryLogs(Path root, UnaryOperator<String> mask) {
        this.root = root;
        this.mask = mask;
    }

    /** @param text text bound for a log or an error column @return it with known secrets masked */
    String mask(String text) {
        return mask.apply(text);
    }

    /** A logger writing the instance's current try's log, masked. */
    TryLogger logger(TaskInstanceRow ti, Clock clock) {
        return new TryLogger(ti.taskId(), file(ti, ti.tryNumber()), clock, mask);
    }

    /** @return the path of a try's log relative to the logs folder */
    public String relativePath(TaskInstanceRow ti, int tryNumber) {
        return TryLogPath.of(ti, tryNumber);
    }

    /** @return the absolute file of a try's log */
    public Path file(TaskInstanceRow ti, int tryNumber) {
        return root.resolve(relativePath(ti, tryNumber));
    }

    /**
     * Reads a log from a byte offset, so a client can follow a running try.
     *
     * @param relativePath the stored log path of the try
     * @param offset       where to start
     * @return the text from the offset and the offset to continue from
     */
    public Chunk read(String relativePath, long offset) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || !Files.exists(file)) {
            return new Chunk("", 0);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, Math.min(offset, in.length()));
            byte[] bytes = new byte[(int) Math.min(in.length() - start, 4 * 1024 * 1024)];
            in.seek(start);
            in.readFully(bytes);
            return new Chunk(new String(bytes, StandardCharsets.UTF_8), start + bytes.length);
        } catch (IOException e) {
            return new Chunk("(log unreadable: " + e.getMessage() + ")\n", offset);
        }
    }

    /**
     * Part of a log.
     *
     * @param text       the text read
     * @param nextOffset where to read next
     */
    public record Chunk(String text, long nextOffset) {
    }

}
