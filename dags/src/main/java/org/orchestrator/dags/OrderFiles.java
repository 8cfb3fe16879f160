package org.orchestrator.dags;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.orchestrator.api.TaskContext;

/**
 * Where the orders pipeline keeps its CSV files: one file per task instance, named after its
 * idempotency key, in one directory (the system temp dir by default). Files are local to the
 * node, so the pipeline assumes its tasks run on one node.
 */
final class OrderFiles {

    /** The XCom key under which each task publishes the file it wrote. */
    static final String PATH_KEY = "path";

    private final Path dir;

    OrderFiles(Path dir) {
        this.dir = dir;
    }

    static OrderFiles inTempDir() {
        return new OrderFiles(Path.of(System.getProperty("java.io.tmpdir"), "orchestrator-orders"));
    }

    /**
     * Every try of a task instance gets the same file, and no other task instance gets it. The
     * key is URL-encoded: no '/' or ':' reaches the file system and distinct keys stay distinct.
     */
    Path fileFor(TaskContext ctx) {
        String name = URLEncoder.encode(ctx.idempotencyKey(), StandardCharsets.UTF_8).replace("*", "%2A");
        return dir.resolve(name + ".csv");
    }

    /**
     * Writes the header and rows to {@code target}, replacing it. A retry overwrites the previous
     * try's file, and a try that dies mid-write never leaves a half-written file in place.
     */
    static void write(Path target, List<String> rows) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(Order.HEADER);
        lines.addAll(rows);
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the rows of a file {@link #write} wrote, without the header */
    static List<String> readRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(Order.HEADER)) {
            throw new IOException(file + " does not start with the header " + Order.HEADER);
        }
        return lines.subList(1, lines.size());
    }

    /** @return the file an upstream task published under {@link #PATH_KEY} */
    static Path upstreamFile(TaskContext ctx, String upstreamTask) {
        return ctx.xcomPull(upstreamTask, PATH_KEY, String.class).map(Path::of).orElseThrow(() ->
                new IllegalStateException("task '" + upstreamTask + "' published no '" + PATH_KEY + "' XCom; did it succeed in run " + ctx.runId() + "?"));
    }
}
