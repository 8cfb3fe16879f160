package org.orchestrator.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of this repository that the README's author commands may build in: the root pom, the
 * Maven wrapper, the starter template, and each module's pom and main sources (no {@code target},
 * no tests). Building there leaves the checkout's own {@code target} folders, which the running
 * test's class path uses, alone.
 */
final class AuthorCheckout {

    private AuthorCheckout() {
    }

    /** @return the repository's root: the folder above the module with the parent pom and the starter */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("starter")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root (with mvnw and starter/) above " + Path.of("").toAbsolutePath());
    }

    /** @return the copy, made in {@code target} */
    static Path copy(Path root, Path target) throws IOException {
        copyTree(root.resolve(".mvn"), target.resolve(".mvn"));
        copyTree(root.resolve("starter"), target.resolve("starter"));
        copyFile(root.resolve("mvnw"), target.resolve("mvnw"));
        copyFile(root.resolve("pom.xml"), target.resolve("pom.xml"));
        for (String module : modules(Files.readString(root.resolve("pom.xml")))) {
            copyFile(root.resolve(module).resolve("pom.xml"), target.resolve(module).resolve("pom.xml"));
            Path main = root.resolve(module).resolve("src/main");
            if (Files.isDirectory(main)) {
                copyTree(main, target.resolve(module).resolve("src/main"));
            }
        }
        return target;
    }

    /** @return the modules the parent pom lists */
    static List<String> modules(String parentPom) {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parentPom);
        return m.results().map(r -> r.group(1).strip()).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(p -> !from.relativize(p).toString().startsWith("target")).forEach(p -> {
                try {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        copyFile(p, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        // Keeps mvnw executable.
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
