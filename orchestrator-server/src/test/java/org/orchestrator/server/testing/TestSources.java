package org.orchestrator.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** @return the file, written (its directories created) */
    public static Path write(Path file, String source) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
