package org.orchestrator.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as another local user ({@code nobody}, through {@code runuser}, as the PostgreSQL
 * test support does), to prove what such a user can and cannot reach. Needs root; tests using it
 * are skipped otherwise.
 */
public final class OtherOsUser implements AutoCloseable {

    /** @param exitCode the command's exit code @param output its stdout and stderr */
    public record Result(int exitCode, String output) {
    }

    private static final String USER = "nobody";

    /**
     * A small JDBC client the other user runs: prints CONNECTED and the answer to a query, or the
     * error. Given {@code lock:<file>}, it reads the auto-server's address and key from H2's lock
     * file first, as an attacker would.
     */
    private static final String PROBE = """
            public class H2Probe {
                public static void main(String[] args) throws Exception {
                    String url = args[0];
                    if (url.startsWith("lock:")) {
                        var lock = new java.util.Properties();
                        try (var in = new java.io.FileInputStream(url.substring(5))) {
                            lock.load(in);
                        } catch (java.io.IOException e) {
                            System.out.println("REFUSED: " + e);
                            System.exit(3);
                        }
                        url = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
                    }
                    try (var c = java.sql.DriverManager.getConnection(url, args[1], args[2]);
                         var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS")) {
                        rs.next();
                        System.out.println("CONNECTED, users: " + rs.getInt(1));
                    } catch (java.sql.SQLException e) {
                        System.out.println("REFUSED: " + e.getMessage());
                        System.exit(3);
                    }
                }
            }
            """;

    private final Path tools;

    private OtherOsUser(Path tools) {
        this.tools = tools;
    }

    /** Skips the test unless it runs as root with runuser; prepares a folder the other user can read. */
    public static OtherOsUser nobody() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run commands as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")), "needs runuser");
        Path tools = Files.createTempDirectory("orchestrator-other-user-");
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Files.copy(h2, tools.resolve("h2.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(tools.resolve("H2Probe.java"), PROBE);
        for (String file : List.of("h2.jar", "H2Probe.java")) {
            Files.setPosixFilePermissions(tools.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return new OtherOsUser(tools);
    }

    /** @return what the other user gets trying to log into the database at {@code url} ({@code lock:<file>}: the auto-server of that lock file) */
    public Result connect(String url, String user, String password) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(java, "-cp", tools.resolve("h2.jar").toString(), tools.resolve("H2Probe.java").toString(), url, user, password);
    }

    /** Deletes the folder of tools. */
    @Override
    public void close() throws IOException {
        for (String file : List.of("h2.jar", "H2Probe.java")) {
            Files.deleteIfExists(tools.resolve(file));
        }
        Files.deleteIfExists(tools);
    }

    /** @return the outcome of the command run as the other user */
    public Result run(String... command) {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        all.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(all).directory(tools.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + all);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
