package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data archive of a child JVM's own start, trained by the node's first child. The archive
 * the build trains holds what the server loads on start, not what a child loads (its main, the
 * channel, building a DAG); a child that maps an archive of those starts markedly faster. The
 * first child of a node writes it at exit into a temporary file of an owner-only directory (an
 * archive is code the JVM maps, so no other user may plant one), the node moves it in place
 * atomically once that child ended cleanly, and later children map it. Children that start while
 * the first one trains, or when training failed, use the build's archive as before.
 */
final class ChildArchive {

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path dir;
    private final AtomicBoolean training = new AtomicBoolean();

    /** @param dir an owner-only directory of this node for the archive */
    ChildArchive(Path dir) {
        this.dir = dir;
    }

    /** @return an archive in a fresh owner-only temporary directory of this node, removed when the node exits */
    static ChildArchive inTemporaryDirectory() {
        try {
            ChildArchive archive = new ChildArchive(Files.createTempDirectory("orchestrator-child-cds-"));
            // Deleted in reverse order: the files, then their directory.
            archive.dir.toFile().deleteOnExit();
            archive.draft().toFile().deleteOnExit();
            archive.archive().toFile().deleteOnExit();
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the child JVMs' class-data archive", e);
        }
    }

    /** What one child start does about the archive: map it, train it, or fall back to the build's. */
    record Use(List<String> options, boolean trains) {
    }

    /** @param fallback the options without a child archive (the build's archive, or none) @return this start's use */
    Use next(List<String> fallback) {
        if (Files.isRegularFile(archive())) {
            return new Use(mapping(archive()), false);
        }
        if (training.compareAndSet(false, true)) {
            return new Use(quietly("-XX:ArchiveClassesAtExit=" + draft()), true);
        }
        return new Use(fallback, false);
    }

    /** Called when the training child ended: its archive goes in place if it exited cleanly, else training may start again. */
    void trained(int exitCode) {
        try {
            if (exitCode == 0 && Files.isRegularFile(draft())) {
                Files.move(draft(), archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Files.deleteIfExists(draft());
        } catch (IOException e) {
            // no child archive: children keep using the build's
        }
        training.set(false);
    }

    Path archive() {
        return dir.resolve("child.jsa");
    }

    private Path draft() {
        return dir.resolve("child.jsa.part");
    }

    /**
     * @return the options that map an archive; a JVM that cannot map it goes on without it, quietly
     *         (its warnings would land in the try's log)
     */
    static List<String> mapping(Path archive) {
        return quietly("-XX:SharedArchiveFile=" + archive);
    }

    private static List<String> quietly(String option) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(option), QUIET.stream()).toList();
    }
}
