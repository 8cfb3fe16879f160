package org.orchestrator.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started from the machine's binaries in a temporary folder on
 * a free loopback port, with trust authentication for the superuser {@value #USER}.
 *
 * <p>One server per JVM ({@link #shared()}), stopped by a shutdown hook; each test class (or
 * engine home) takes a database of its own with {@link #createDatabase()}. Cluster tests may
 * {@link #stop()} and {@link #start()} it again: the port and the data folder stay the same.
 *
 * <pre>{@code
 * String url = PostgresServer.shared().createDatabase();   // jdbc:postgresql://127.0.0.1:port/t_3
 * }</pre>
 *
 * <p>{@code initdb} refuses to run as root, so as root every PostgreSQL command runs as the
 * {@code postgres} user through {@code runuser}. fsync stays on unless the system property
 * {@code orchestrator.test.pg.fsync=off} is set, because crash tests rely on durable commits.
 */
public final class PostgresServer {

    /** The superuser tests connect as; no password (trust on loopback). */
    public static final String USER = "orchestrator";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final PgCommands commands;
    private final Path dataDir;
    private final int port;
    private boolean running;

    private PostgresServer(PgCommands commands, Path dataDir, int port) {
        this.commands = commands;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** @return the JVM's server, started on first use */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = create();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "postgres-test-stop"));
            server.start();
            shared = server;
        }
        return shared;
    }

    /** @return true if this machine has PostgreSQL binaries the harness can use */
    public static boolean available() {
        return PgCommands.findBinaries().isPresent();
    }

    private static PostgresServer create() {
        PgCommands commands = new PgCommands(PgCommands.findBinaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL binaries in /usr/lib/postgresql/*/bin; install Debian's postgresql package")));
        PgOrphans.stopLeftovers(commands);
        try {
            Path root = Files.createTempDirectory(PgOrphans.PREFIX);
            Files.writeString(root.resolve(PgOrphans.OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            Path dataDir = root.resolve("data");
            commands.prepare(root);
            int port = freePort();
            commands.initdb(dataDir, USER, settings(port, dataDir));
            return new PostgresServer(commands, dataDir, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL data folder", e);
        }
    }

    private static List<String> settings(int port, Path dataDir) {
        String fsync = System.getProperty("orchestrator.test.pg.fsync", "on");
        return List.of("port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dataDir + "'",
                // Many engines (16 pooled connections each) and child-JVM nodes share one server.
                "max_connections = 400", "shared_buffers = 64MB",
                "fsync = " + fsync, "synchronous_commit = " + fsync, "full_page_writes = " + fsync,
                "log_min_messages = warning", "logging_collector = off");
    }

    /** Starts (or restarts) the server on its port and data folder and waits until it accepts connections. */
    public synchronized void start() {
        if (!running) {
            commands.pgCtl(dataDir, "start", "-w", "-t", "60", "-l", dataDir.resolveSibling("postgres.log").toString());
            running = true;
        }
    }

    /** Stops the server at once, as a crash would ({@code pg_ctl stop -m immediate}); {@link #start()} brings it back. */
    public synchronized void stop() {
        if (running) {
            commands.pgCtl(dataDir, "stop", "-w", "-m", "immediate");
            running = false;
        }
    }

    /** @return true between {@link #start()} and {@link #stop()} */
    public synchronized boolean isRunning() {
        return running;
    }

    /** @return the loopback port the server listens on */
    public int port() {
        return port;
    }

    /** @param database a database name @return its JDBC URL */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the JDBC URL of a new, empty database of its own */
    public String createDatabase() {
        String name = "t_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /** Runs one statement on the maintenance database {@code postgres}, as the superuser. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + " rejected: " + sql, e);
        }
    }

    private synchronized void destroy() {
        try {
            stop();
        } finally {
            PgOrphans.delete(dataDir.getParent());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
