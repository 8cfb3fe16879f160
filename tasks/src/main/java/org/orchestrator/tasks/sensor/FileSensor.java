package org.orchestrator.tasks.sensor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.orchestrator.api.TaskContext;

/**
 * Waits for a file to exist, or for any file in a directory to match a glob. The path found is
 * pushed to XCom as a string under {@code return_value}, so the next task knows which file came.
 *
 * <pre>{@code
 * .task("wait_for_orders", FileSensor.glob(Path.of("/data/in"), "orders_*.csv")
 *         .pokeInterval(Duration.ofSeconds(30)).timeout(Duration.ofHours(6)).build())
 * .task("wait_for_today", FileSensor.path(ctx -> Path.of("/data/in/" + ctx.logicalDate().toString().substring(0, 10) + ".done"))
 *         .build())
 * }</pre>
 */
public final class FileSensor extends Sensor {

    private final Function<TaskContext, Path> path;
    private final String glob;

    private FileSensor(Builder b) {
        super(b);
        path = b.path;
        glob = b.glob;
    }

    /**
     * {@return a builder}
     *
     * @param file the file to wait for
     */
    public static Builder path(Path file) {
        Objects.requireNonNull(file, "file");
        return new Builder(ctx -> file, null);
    }

    /**
     * {@return a builder}
     *
     * @param file chooses the file for the try, e.g. from its logical date
     */
    public static Builder path(Function<TaskContext, Path> file) {
        return new Builder(Objects.requireNonNull(file, "file"), null);
    }

    /**
     * {@return a builder}
     *
     * @param dir the directory to look in
     * @param glob a file-name pattern, e.g. {@code *.csv} or {@code orders_2026-*.{csv,json}}
     */
    public static Builder glob(Path dir, String glob) {
        Objects.requireNonNull(dir, "dir");
        dir.getFileSystem().getPathMatcher("glob:" + Objects.requireNonNull(glob, "glob"));
        return new Builder(ctx -> dir, glob);
    }

    @Override
    protected boolean poke(TaskContext ctx) throws IOException {
        Optional<Path> found = find(path.apply(ctx));
        found.ifPresent(p -> ctx.xcomPush(p.toString()));
        return found.isPresent();
    }

    private Optional<Path> find(Path where) throws IOException {
        if (glob == null) {
            return Files.exists(where) ? Optional.of(where) : Optional.empty();
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(where, glob)) {
            for (Path match : matches) {
                if (Files.isRegularFile(match)) {
                    return Optional.of(match);
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty(); // the directory itself may appear later
        }
    }

    @Override
    protected String describe(TaskContext ctx) {
        return glob == null ? "file " + path.apply(ctx) : "a file matching " + glob + " in " + path.apply(ctx);
    }

    /** Configures a {@link FileSensor}. */
    public static final class Builder extends Sensor.Builder<Builder> {
        private final Function<TaskContext, Path> path;
        private final String glob;

        private Builder(Function<TaskContext, Path> path, String glob) {
            this.path = path;
            this.glob = glob;
        }

        /** {@return the sensor} */
        public FileSensor build() {
            return new FileSensor(this);
        }
    }
}
