package org.orchestrator.server.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether a schema already has every migration this build ships, asked without Flyway: a command
 * line that only reads or changes rows skips loading Flyway (a few hundred classes, a scan and a
 * validation), and migrates as before when a migration is missing. The server's start still runs
 * Flyway, validation included.
 */
final class ShippedMigrations {

    private static final String FOLDER = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("(?:^|/)V([0-9._]+)__[^/]*\\.sql$");

    private ShippedMigrations() {
    }

    /** @return true when every shipped version is recorded as applied successfully */
    static boolean allApplied(Jdbi schemaOwner) {
        Set<String> shipped = shipped();
        if (shipped.isEmpty()) {
            return false;
        }
        try {
            List<String> applied = schemaOwner.withHandle(h -> h.createQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL")
                    .mapTo(String.class).list());
            return new HashSet<>(applied).containsAll(shipped);
        } catch (RuntimeException e) {
            return false; // no history yet: a new database, which Flyway creates
        }
    }

    /** @return the versions of the migration files on the class path, as Flyway records them ({@code 13}, {@code 3.1}) */
    static Set<String> shipped() {
        URL folder = ShippedMigrations.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            return Set.of();
        }
        try (Stream<String> names = names(folder)) {
            Set<String> versions = new HashSet<>();
            names.map(VERSIONED::matcher).filter(Matcher::find).forEach(m -> versions.add(m.group(1).replace('_', '.')));
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + folder, e);
        }
    }

    private static Stream<String> names(URL folder) throws IOException {
        if ("jar".equals(folder.getProtocol())) {
            JarURLConnection jar = (JarURLConnection) folder.openConnection();
            return jar.getJarFile().stream().map(entry -> entry.getName()).filter(name -> name.startsWith(FOLDER + "/"));
        }
        try {
            return Files.list(Path.of(folder.toURI())).map(path -> path.getFileName().toString());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
