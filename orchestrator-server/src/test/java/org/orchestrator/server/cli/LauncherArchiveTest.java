package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which class-data archive {@code bin/orchestrator} gives the JVM: the build's AOT cache for a
 * node ({@code server}, {@code standalone}) on a JDK 25+, else the build's class-data archive, and
 * a JVM that cannot use the cache starts without it, with nothing on stdout. The first cases run
 * the launcher against a stand-in JDK whose {@code java} prints its arguments (the launcher's
 * choice is the subject); the last runs a real JDK 25 on a cache it cannot map.
 */
class LauncherArchiveTest {

    @TempDir
    Path dir;

    @Test
    void a_node_on_a_jdk_25_starts_with_the_aot_cache_beside_the_jar() throws Exception {
        Path jar = jarWith("orchestrator.aot", "orchestrator.jsa");

        List<String> arguments = launch(stubJdk("25.0.3"), jar, "server");

        assertThat(arguments).contains("-XX:AOTCache=" + jar.resolveSibling("orchestrator.aot"), "-Xlog:aot=off")
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(launch(stubJdk("25.0.3"), jar, "standalone")).contains("-XX:AOTCache=" + jar.resolveSibling("orchestrator.aot"));
    }

    @Test
    void a_jdk_before_25_gets_the_class_data_archive_it_can_read() throws Exception {
        Path jar = jarWith("orchestrator.aot", "orchestrator.jsa");

        List<String> arguments = launch(stubJdk("21.0.5"), jar, "server");

        assertThat(arguments).contains("-XX:SharedArchiveFile=" + jar.resolveSibling("orchestrator.jsa"))
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void short_commands_keep_the_class_data_archive_and_c1() throws Exception {
        Path jar = jarWith("orchestrator.aot", "orchestrator.jsa");

        List<String> arguments = launch(stubJdk("25.0.3"), jar, "dags", "list");

        assertThat(arguments).contains("-XX:SharedArchiveFile=" + jar.resolveSibling("orchestrator.jsa"), "-XX:TieredStopAtLevel=1")
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void without_an_aot_cache_a_node_on_a_jdk_25_maps_the_class_data_archive() throws Exception {
        Path jar = jarWith("orchestrator.jsa");

        assertThat(launch(stubJdk("25.0.3"), jar, "server")).contains("-XX:SharedArchiveFile=" + jar.resolveSibling("orchestrator.jsa"))
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void a_real_jdk_25_given_a_cache_it_cannot_map_starts_without_it_and_keeps_stdout_clean() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "needs a JDK 25+ to run the launcher's AOT branch");
        Path jar = probeJar();
        Files.writeString(jar.resolveSibling("orchestrator.aot"), "not an AOT cache"); // another JDK build's, or damaged

        Result result = run(Path.of(System.getProperty("java.home")), jar, "server", "--port", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("probe ran: server --port 1\n");
    }

    /** The launcher's stand-in JVM for {@link #probeJar()}: proves the JVM started and got the arguments. */
    public static final class Probe {
        private Probe() {
        }

        /** @param args the command line after the jar */
        public static void main(String[] args) {
            System.out.println("probe ran: " + String.join(" ", args));
        }
    }

    private record Result(int exitCode, String stdout) {
    }

    /** @return an empty orchestrator.jar (the stand-in JDK never opens it) with the given files beside it */
    private Path jarWith(String... siblings) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("lib"));
        Path jar = Files.writeString(folder.resolve("orchestrator.jar"), "");
        for (String sibling : siblings) {
            Files.writeString(folder.resolve(sibling), "archive");
        }
        return jar;
    }

    /** @return a JDK folder whose release file says {@code version} and whose java prints one argument a line */
    private Path stubJdk(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        executable(bin.resolve("javac"), "#!/bin/sh\n");
        return home;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** @return orchestrator.jar holding only {@link Probe} as its main class */
    private Path probeJar() throws IOException {
        Path jar = Files.createDirectories(dir.resolve("probe")).resolve("orchestrator.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             InputStream bytes = Probe.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            bytes.transferTo(jarOut);
        }
        return jar;
    }

    private List<String> launch(Path jdk, Path jar, String... command) throws Exception {
        Result result = run(jdk, jar, command);
        assertThat(result.exitCode()).isZero();
        return result.stdout().lines().toList();
    }

    private Result run(Path jdk, Path jar, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", launcher().toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", jdk.toString());
        env.put("ORCHESTRATOR_JAR", jar.toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.remove("JAVA_OPTS");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end within 60 s");
        }
        return new Result(process.exitValue(), stdout);
    }

    /** @return bin/orchestrator of this checkout: the first folder above the module's that has it */
    private static Path launcher() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path launcher = folder.resolve("bin").resolve("orchestrator");
            if (Files.isRegularFile(launcher)) {
                return launcher;
            }
        }
        throw new AssertionError("no bin/orchestrator above " + Path.of("").toAbsolutePath());
    }
}
