package org.orchestrator.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cleans up test PostgreSQL servers whose JVM died without running its shutdown hook (kill -9 of a
 * build): each temporary folder records its owner JVM's pid, and a folder whose owner is gone is
 * stopped and deleted when the next test server starts.
 */
final class PgOrphans {

    static final String PREFIX = "orchestrator-pg-";
    static final String OWNER_FILE = "owner.pid";

    private PgOrphans() {
    }

    static void stopLeftovers(PgCommands commands) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).filter(PgOrphans::ownerGone)
                    .forEach(root -> stopAndDelete(commands, root));
        } catch (IOException e) {
            // Nothing to clean if the temporary folder cannot be listed.
        }
    }

    private static boolean ownerGone(Path root) {
        try {
            long pid = Long.parseLong(Files.readString(root.resolve(OWNER_FILE)).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            // No owner yet: being created by another JVM right now, unless it has been like that for long.
            return olderThan(root, Duration.ofHours(1));
        }
    }

    private static boolean olderThan(Path root, Duration age) {
        try {
            return Files.getLastModifiedTime(root).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static void stopAndDelete(PgCommands commands, Path root) {
        Path dataDir = root.resolve("data");
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                commands.pgCtl(dataDir, "stop", "-w", "-m", "immediate");
            } catch (IllegalStateException alreadyDead) {
                // The server died with its JVM; only the folder is left.
            }
        }
        delete(root);
    }

    /** Deletes the data folder first and the owner file last, so a JVM halted half-way leaves a folder still marked as its own. */
    static void delete(Path root) {
        deleteTree(root.resolve("data"));
        deleteTree(root);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary folder is harmless.
        }
    }
}
