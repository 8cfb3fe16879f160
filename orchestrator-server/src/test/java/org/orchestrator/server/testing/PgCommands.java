package org.orchestrator.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the machine's PostgreSQL tools ({@code initdb}, {@code pg_ctl}); as root, as the
 * {@code postgres} user through {@code runuser}, because PostgreSQL refuses to run as root.
 */
final class PgCommands {

    private static final Path INSTALLS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final boolean asRoot = "root".equals(System.getProperty("user.name"));

    PgCommands(Path bin) {
        this.bin = bin;
    }

    /** @return the bin folder of the newest installed major version, e.g. /usr/lib/postgresql/17/bin */
    static Optional<Path> findBinaries() {
        if (!Files.isDirectory(INSTALLS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLS)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Hands the folder to the {@code postgres} user when running as root (initdb creates the data folder inside). */
    void prepare(Path root) throws IOException {
        if (asRoot) {
            UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(root, owner);
        }
    }

    /** Creates a cluster with a trusted superuser and appends the settings to its postgresql.conf. */
    void initdb(Path dataDir, String superuser, List<String> settings) throws IOException {
        run(dataDir.getParent(), "initdb", "-D", dataDir.toString(), "-U", superuser, "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync");
        Files.write(dataDir.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Runs {@code pg_ctl -D dataDir <args>}. */
    void pgCtl(Path dataDir, String... args) {
        List<String> command = new ArrayList<>(List.of("pg_ctl", "-D", dataDir.toString()));
        command.addAll(List.of(args));
        run(dataDir.getParent(), command.toArray(String[]::new));
    }

    private void run(Path root, String... tool) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(tool[0]).toString());
        command.addAll(List.of(tool).subList(1, tool.length));
        // Output goes to a file, not a pipe: pg_ctl's server child would otherwise hold the pipe open.
        Path output = root.resolve("commands.out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command + "; output in " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + process.exitValue() + "): " + command + "\n" + tail(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
