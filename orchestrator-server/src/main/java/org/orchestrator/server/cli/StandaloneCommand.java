package org.orchestrator.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.orchestrator.server.internal.OwnerOnly;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.Operations;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code standalone}: the quick start. Creates the home, drops in the example DAGs, creates an
 * admin user and runs everything on embedded H2.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = {"Quick start: create the home, copy in the example DAGs, create an 'admin' user, run everything.",
                "The admin password is $ORCHESTRATOR_ADMIN_PASSWORD (neither printed nor written anywhere), or generated, "
                        + "printed and written to <home>/standalone_admin_password.txt (0600).",
                "Listens on 127.0.0.1 unless --host or $ORCHESTRATOR_HOST says otherwise."})
final class StandaloneCommand implements Callable<Integer> {

    static final String EXAMPLES = "/org/orchestrator/server/examples/example-dags.jar";
    static final String PASSWORD_FILE = "standalone_admin_password.txt";

    @Mixin
    HomeOptions home;

    @Option(names = "--port", description = "HTTP port. Default: $ORCHESTRATOR_PORT or 8080.")
    Integer port;

    @Option(names = "--host", description = "Address the HTTP server binds. Default: $ORCHESTRATOR_HOST or 127.0.0.1 (this machine only).")
    String host;

    // The build trains its class-data archive and AOT cache on the quick start itself (examples,
    // admin user, web server), so the classes of that start come from the archive too.
    @Option(names = "--exit-when-up", hidden = true, description = "Start, then stop at once (trains the class-data archive).")
    boolean exitWhenUp;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = home.config();
        config = port == null ? config : config.withPort(port);
        config = config.withHost(bindAddress(home.environment()));
        OwnerOnly.secureHome(config.home());
        Files.createDirectories(config.dagsFolder());
        copyExamples(config.dagsFolder());
        String given = home.environment().get("ORCHESTRATOR_ADMIN_PASSWORD");
        if (ensureAdmin(config, given)) {
            announceAdmin(config, given);
        }
        ServerCommand.serve(config.withRoles(org.orchestrator.server.cluster.NodeRoles.SERVER), exitWhenUp);
        return 0;
    }

    /** Loopback unless asked: standalone creates an admin whose password it prints, which is no setup for a network. */
    private String bindAddress(Map<String, String> environment) {
        if (host != null) {
            return host;
        }
        String configured = environment.get("ORCHESTRATOR_HOST");
        return configured == null || configured.isBlank() ? ServerConfig.LOOPBACK : configured;
    }

    /** Copies the bundled example DAG jar into the dags folder (replacing an older copy). */
    static void copyExamples(Path dagsFolder) {
        try (InputStream jar = StandaloneCommand.class.getResourceAsStream(EXAMPLES)) {
            if (jar == null) {
                System.err.println("The example DAGs are not bundled in this build; starting without them.");
                return;
            }
            byte[] bytes = jar.readAllBytes();
            Path target = dagsFolder.resolve("example-dags.jar");
            if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                Path temp = Files.createTempFile(dagsFolder, ".example-dags", ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the example DAGs into " + dagsFolder, e);
        }
    }

    /**
     * Creates the admin user when there is none, with the given password or a generated one that
     * goes into the password file (owner-only).
     *
     * @return whether the admin was created now
     */
    private static boolean ensureAdmin(ServerConfig config, String given) throws IOException {
        // Flyway only when the schema lacks a migration: the engine, which starts next, validates anyway.
        try (Database database = Database.openCurrent(config)) {
            if (database.reads().user("admin").isPresent()) {
                return false;
            }
            String password = chosen(given) ? given : OwnerOnly.randomSecret();
            Operations.withoutLoops(database, Clock.systemUTC(), CliOperations.NO_SECRETS).accounts()
                    .createUser(Actor.cli(), "admin", password, "admin");
            if (chosen(given)) {
                return true;
            }
            Path file = config.home().resolve(PASSWORD_FILE);
            Files.deleteIfExists(file); // left by an earlier home whose database was deleted
            OwnerOnly.create(file, password);
            return true;
        }
    }

    /** A password the operator chose is theirs: it is neither echoed (terminals are logged) nor written to a file. */
    private static void announceAdmin(ServerConfig config, String given) throws IOException {
        if (chosen(given)) {
            System.out.println("Admin user 'admin' created with the password of ORCHESTRATOR_ADMIN_PASSWORD (not written to any file).");
            return;
        }
        Path file = config.home().resolve(PASSWORD_FILE);
        System.out.println("Admin user 'admin' created; password: " + Files.readString(file).strip() + " (also in " + file + ", readable by you only)");
    }

    private static boolean chosen(String given) {
        return given != null && !given.isBlank();
    }
}
