package org.orchestrator.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.auth.UserAdmin;
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
                "The admin password is $ORCHESTRATOR_ADMIN_PASSWORD, or generated, printed and written to "
                        + "<home>/standalone_admin_password.txt."})
final class StandaloneCommand implements Callable<Integer> {

    static final String EXAMPLES = "/org/orchestrator/server/examples/example-dags.jar";
    static final String PASSWORD_FILE = "standalone_admin_password.txt";

    @Mixin
    HomeOptions home;

    @Option(names = "--port", description = "HTTP port. Default: $ORCHESTRATOR_PORT or 8080.")
    Integer port;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = home.config();
        config = port == null ? config : config.withPort(port);
        Files.createDirectories(config.dagsFolder());
        copyExamples(config.dagsFolder());
        String password = ensureAdmin(config, home.environment().get("ORCHESTRATOR_ADMIN_PASSWORD"));
        if (password != null) {
            System.out.println("Admin user 'admin' created; password: " + password
                    + " (also in " + config.home().resolve(PASSWORD_FILE) + ")");
        }
        ServerCommand.serve(config.withRoles(org.orchestrator.server.cluster.NodeRoles.SERVER), false);
        return 0;
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

    /** @return the new admin's password, or null when an admin already exists */
    private static String ensureAdmin(ServerConfig config, String given) throws IOException {
        try (Database database = Database.open(config)) {
            UserAdmin users = new UserAdmin(database.jdbi(), Clock.systemUTC());
            if (users.exists("admin")) {
                return null;
            }
            String password = given == null || given.isBlank() ? generatePassword() : given;
            users.create("admin", password, "admin");
            if (given == null || given.isBlank()) {
                Path file = config.home().resolve(PASSWORD_FILE);
                Files.writeString(file, password + System.lineSeparator());
                restrictToOwner(file);
            }
            return password;
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
    }
}
