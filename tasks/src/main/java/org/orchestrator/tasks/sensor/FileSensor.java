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
    private final String pathTemplate;
    private final String glob;

    private FileSensor(Builder b) {
        super(b);
        path = b.path;
        pathTemplate = b.pathTemplate;
        glob = b.glob;
    }

    /**
     * {@return a builder}
     *
     * @param file the file to wait for, a Jinja template: {@code "/data/{{ ds_nodash }}/orders.csv"}
     */
    public static Builder path(String file) {
        Objects.requireNonNull(file, "file");
        return new Builder(null, file, null);
    }

    /**
     * {@return a builder}
     *
     * @param file the file to wait for
     */
    public static Builder path(Path file) {
        Objects.requireNonNull(file, "file");
        return new Builder(ctx -> file, null, null);
    }

    /**
     * {@return a builder}
     *
     * @param file chooses the file for the try, e.g. from its logical date
     */
    public static Builder path(Function<TaskContext, Path> file) {
        return new Builder(Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * {@return a builder}
     *
     * @param dir the directory to look in
     * @param glob a file-name pattern, e.g. {@code *.csv} or {@code orders_2026-*.{csv,json}}
     */
    public static Builder glob(Path dir, String glob) {
        Objects.requireNonNull(dir, "dir");
        if (!org.orchestrator.api.Task.isTemplate(Objects.requireNonNull(glob, "glob"))) {
            dir.getFileSystem().getPathMatcher("glob:" + glob); // a bad pattern fails at build, not at the first poke
        }
        return new Builder(ctx -> dir, null, glob);
    }

    /**
     * {@return a builder}
     *
     * @param dir the directory to look in, a Jinja template: {@code "/landing/{{ ds }}"}
     * @param glob a file-name pattern, also a template: {@code "orders_{{ ds_nodash }}_*.csv"}
     */
    public static Builder glob(String dir, String glob) {
        return new Builder(null, Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(glob, "glob"));
    }

    /** The path (or directory) and the glob are Jinja templates when given as text. */
    @Override
    public java.util.Map<String, String> templateFields() {
        return org.orchestrator.tasks.internal.TemplateFields.of().add("path", pathTemplate).add("glob", glob).build();
    }

    private Path where(TaskContext ctx) {
        return pathTemplate != null ? Path.of(ctx.render("path", pathTemplate)) : path.apply(ctx);
    }

    @Override
    protected boolean poke(TaskContext ctx) throws IOException {
        Optional<Path> found = find(where(ctx), glob == null ? null : ctx.render("glob", glob));
        found.ifPresent(p -> ctx.xcomPush(p.toString()));
        return found.isPresent();
    }

    private static Optional<Path> find(Path where, String glob) throws IOException {
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
        return glob == null ? "file " + where(ctx) : "a file matching " + ctx.render("glob", glob) + " in " + where(ctx);
    }

    /** Configures a {@link FileSensor}. */
    public static final class Builder extends Sensor.Builder<Builder> {
        private final Function<TaskContext, Path> path;
        private final String pathTemplate;
        private final String glob;

        private Builder(Function<TaskContext, Path> path, String pathTemplate, String glob) {
            this.path = path;
            this.pathTemplate = pathTemplate;
            this.glob = glob;
        }

        /** {@return the sensor} */
        public FileSensor build() {
            return new FileSensor(this);
        }
    }
}
