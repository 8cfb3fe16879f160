package org.orchestrator.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real DAG jars in tests: compiles Java sources with the JDK's compiler against the test
 * class path and packs them with a {@code META-INF/services} entry, as an author's build would.
 */
public final class TestJars {

    private TestJars() {
    }

    /**
     * @param jar      where to write the jar
     * @param provider the fully qualified DagProvider class to register, or null for none
     * @param sources  fully qualified class name → source
     * @return the jar
     */
    public static Path build(Path jar, String provider, Map<String, String> sources) {
        try {
            Path work = Files.createTempDirectory("dag-jar");
            Path src = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            compile(classes, files);
            Files.createDirectories(jar.toAbsolutePath().getParent());
            pack(jar, classes, provider);
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + jar, e);
        }
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        args.addAll(files);
        int status = compiler.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test DAG sources do not compile: " + files);
        }
    }

    private static void pack(Path jar, Path classes, String provider) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            if (provider != null) {
                put(out, "META-INF/services/org.orchestrator.api.DagProvider", provider.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }

    /**
     * A one-class DAG bundle: a provider named {@code pkg.Dags} whose {@code dags()} body is given.
     *
     * @param jar  where to write it
     * @param pkg  a package name unique to this bundle (so bundles never share classes)
     * @param body the statements of {@code dags()}, returning a {@code List<Dag>}
     * @return the jar
     */
    public static Path provider(Path jar, String pkg, String body) {
        String source = """
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
        return build(jar, pkg + ".Dags", Map.of(pkg + ".Dags", source));
    }
}
