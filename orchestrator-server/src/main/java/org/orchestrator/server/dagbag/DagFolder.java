package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the dags folder holds, as bundles: each loads into a class loader of its own, and a bundle
 * that fails becomes one import error. The rule:
 *
 * <ul>
 *   <li>every {@code *.jar} directly in the folder is a bundle;</li>
 *   <li>every {@code *.java} file directly in the folder is a bundle on its own;</li>
 *   <li>every directory directly in the folder (except {@code lib} and hidden ones) is one bundle
 *       made of all the {@code *.java} files below it, compiled together, so a DAG can span
 *       several files and packages ({@code dags/orders/com/acme/Orders.java} next to
 *       {@code dags/orders/com/acme/Steps.java});</li>
 *   <li>{@code lib} holds jars that source bundles compile and run against.</li>
 * </ul>
 */
final class DagFolder {

    /** The folder of jars that source bundles compile against. */
    static final String LIB = "lib";

    private final Path folder;

    DagFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path path() {
        return folder;
    }

    Path lib() {
        return folder.resolve(LIB);
    }

    /** @return the bundles, by path; a folder that cannot be listed is an {@link UncheckedIOException} */
    List<BundleFiles> bundles() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BundleFiles> bundles = new ArrayList<>();
        for (Path entry : list(folder)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                if (!name.equals(LIB)) {
                    List<Path> sources = sourcesBelow(entry);
                    if (!sources.isEmpty()) {
                        bundles.add(new BundleFiles(entry, BundleFiles.Kind.SOURCES, sources));
                    }
                }
            } else if (name.endsWith(".jar")) {
                bundles.add(new BundleFiles(entry, BundleFiles.Kind.JAR, List.of(entry)));
            } else if (name.endsWith(".java")) {
                bundles.add(new BundleFiles(entry, BundleFiles.Kind.SOURCES, List.of(entry)));
            }
        }
        return bundles;
    }

    /** @return the jars of {@code lib}, by name */
    List<Path> libJars() {
        if (!Files.isDirectory(lib())) {
            return List.of();
        }
        return list(lib()).stream().filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
    }

    /** Hidden files and folders (an editor's swap files, {@code .git}) are not sources. */
    private static List<Path> sourcesBelow(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
