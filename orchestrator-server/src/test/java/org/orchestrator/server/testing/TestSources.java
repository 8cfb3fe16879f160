package org.orchestrator.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes DAG sources into a dags folder, as an author saving a file would. */
public final class TestSources {

    private TestSources() {
    }

    /**
     * A source file holding one provider class, {@code Dags} in package {@code pkg}.
     *
     * @param pkg  the package (one per bundle, so bundles never share class names)
     * @param body the statements of {@code dags()}, returning a {@code Collection<Dag>}
     * @return the source text
     */
    public static String provider(String pkg, String body) {
        return """
                package %s;

                import java.time.*;
                import java.util.*;
                import org.orchestrator.api.*;

                public final class Dags implements DagProvider {
                    public Collection<Dag> dags() {
                        %s
                    }
                }
                """.formatted(pkg, body);
    }

    /**
     * Saves a file as most editors do: written beside it under a hidden name, then renamed over
     * it, so a scan never sees half a file (the dags folder ignores hidden files).
     *
     * @return the file
     */
    public static Path write(Path file, String source) {
        try {
            Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.writeString(dir.resolve("." + file.getFileName() + ".tmp"), source);
            return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a file built elsewhere (a jar) into the dags folder in one step. */
    public static Path moveInto(Path built, Path target) {
        try {
            return Files.move(built, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
