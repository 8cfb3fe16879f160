package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.internal.OwnerOnly;
import org.orchestrator.server.testing.Listeners;
import org.orchestrator.server.testing.OtherOsUser;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestEngine;

/**
 * A real server JVM on the embedded H2 database, and another local user ({@code nobody}) trying
 * to get at it: the home is closed to them, the database refuses them even when they learn the
 * auto-server's port and key, and nothing but the HTTP port listens off loopback. The CLI of the
 * home's owner still works beside the running server.
 */
@Tag("h2-only")
class LocalIsolationTest {

    @Test
    void another_os_user_can_neither_read_the_home_nor_log_into_the_running_servers_database() throws Exception {
        Path home = homeInAWorldReadableFolder();
        try (OtherOsUser nobody = OtherOsUser.nobody(); ServerProcess server = ServerProcess.start(home, Map.of())) {
            Path db = home.resolve("db");
            assertThat(nobody.run("ls", home.toString()).exitCode()).as("listing the home").isNotZero();
            assertThat(nobody.run("cat", db.resolve("orchestrator.lock.db").toString()).exitCode()).as("reading the lock file").isNotZero();
            assertThat(permissions(home)).as("tightened on start").isEqualTo("rwx------");
            assertThat(Files.readString(server.output())).contains("was open to other users (rwxr-xr-x); tightened it to rwx------");
            assertThat(permissions(db)).isEqualTo("rwx------");
            assertThat(permissions(home.resolve("logs"))).isEqualTo("rwx------");
            assertThat(permissions(home.resolve(OwnerOnly.DB_PASSWORD_FILE))).isEqualTo("rw-------");

            OtherOsUser.Result throughTheLockFile = nobody.connect("lock:" + db.resolve("orchestrator.lock.db"), "sa", "");
            assertThat(throughTheLockFile.output()).contains("REFUSED").doesNotContain("CONNECTED");

            // Even a user who learnt the auto-server's port and key (read here as root) needs the password.
            Properties lock = lockFile(db);
            String tcp = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            OtherOsUser.Result emptyPassword = nobody.connect(tcp, "sa", "");
            assertThat(emptyPassword.output()).contains("REFUSED", "Wrong user name or password").doesNotContain("CONNECTED");
            String password = Files.readString(home.resolve(OwnerOnly.DB_PASSWORD_FILE)).strip();
            assertThat(nobody.connect(tcp, "sa", password).output()).as("the probe itself works").contains("CONNECTED");

            int h2Port = Integer.parseInt(lock.getProperty("server").substring(lock.getProperty("server").lastIndexOf(':') + 1));
            List<Listeners.Listener> listening = Listeners.of(server.pid());
            assertThat(listening).as("the H2 auto-server").anySatisfy(l -> assertThat(l.port()).isEqualTo(h2Port));
            assertThat(listening).filteredOn(l -> !l.loopback()).as("listeners off loopback")
                    .extracting(Listeners.Listener::port).containsOnly(server.port());
            assertThat(Files.readString(server.output())).contains("http://0.0.0.0:" + server.port() + "/ (every interface)");

            assertThat(CliRunner.run("users", "create", "ops-person", "--role", "op", "--password", "pw-123456",
                    "--home", home.toString()).exitCode()).as("the CLI beside the running server").isZero();
            assertThat(CliRunner.run("dags", "list", "--home", home.toString()).exitCode()).isZero();
        }
    }

    /** A home everyone may enter, in a folder everyone may enter, as {@code mkdir ~/orchestrator} usually makes it: the server tightens it. */
    private static Path homeInAWorldReadableFolder() throws IOException {
        Path parent = TestEngine.fresh();
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectory(parent.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Properties lockFile(Path db) throws IOException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(db.resolve("orchestrator.lock.db"))) {
            lock.load(in);
        }
        return lock;
    }
}
