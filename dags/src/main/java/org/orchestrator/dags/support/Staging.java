package org.orchestrator.dags.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;

/**
 * Where the example pipelines stage files: the {@value #DATA_DIR} variable (the server answers
 * {@code <home>/data} when it is not set), else the system temp folder. Files are replaced
 * atomically, so a retried or rerun try rewrites the same path and never leaves half a file.
 */
public final class Staging {

    /** The variable naming the folder pipelines stage files in. */
    public static final String DATA_DIR = "data_dir";

    private Staging() {
    }

    /**
     * @param ctx   the try's context
     * @param parts path parts below the data folder, e.g. the DAG id and a date
     * @return the folder, created
     */
    public static Path dir(TaskContext ctx, String... parts) {
        Path dir = ctx.variable(DATA_DIR).map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "orchestrator-data"));
        for (String part : parts) {
            dir = dir.resolve(part);
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + dir, e);
        }
    }

    /**
     * Copies a resource shipped in this DAG jar to a file.
     *
     * @param owner    a class of the jar (its class loader finds the resource)
     * @param resource the resource's absolute name, e.g. {@code /org/orchestrator/dags/loans/loans.csv}
     * @param target   the file to write
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path copyResource(Class<?> owner, String resource, Path target) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OrchestratorException("resource " + resource + " is not in the DAG jar of " + owner.getName());
            }
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Writes lines to a file, replacing it atomically.
     *
     * @param target the file
     * @param lines  its lines
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path target, List<String> lines) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
