package org.orchestrator.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.server.cluster.NodeRoles;
import org.orchestrator.server.state.DatabaseLocation;

/**
 * Everything a server process is configured with. Read from {@code ORCHESTRATOR_*} environment
 * variables; command-line flags override them through the {@code with…} methods.
 *
 * @param home              holds the H2 database, the dags folder and the task logs
 * @param port              HTTP port (0 picks a free one)
 * @param dbUrl             JDBC URL; empty means the embedded H2 file database in {@code home}
 * @param dbUser            database user (on the embedded H2, its owner, who migrates the schema)
 * @param dbPassword        database password; empty on the embedded H2 means the one generated into the home
 * @param parallelism       task tries running at once on this node
 * @param sweepInterval     how often the level-triggered sweep repairs what edges missed
 * @param nodeTimeout       a node silent this long is dead; its running tries are zombies
 * @param dagsScanInterval  how often the dags folder is rescanned even when watching it saw no change
 * @param dagLoadTimeout    how long one bundle's providers may take to hand over their DAGs
 * @param pausedAtCreation  whether newly found DAGs start paused
 * @param nodeName          this node's stable name
 * @param roles             what this node does in a cluster
 * @param heartbeatInterval how often this node records that it is alive
 * @param shutdownGrace     how long running tries may take to finish on shutdown before they are handed back
 * @param host              the address the HTTP server binds ({@code 0.0.0.0}: every interface)
 * @param trustProxy        whether {@code X-Forwarded-Proto} from a reverse proxy in front is believed
 * @param confUnknownKeys   whether a trigger's conf may name keys that are no param of the DAG
 *                          ({@code ORCHESTRATOR_CONF_UNKNOWN_KEYS}: {@code allow}, the default as in Airflow, or {@code reject})
 */
public record ServerConfig(Path home, int port, String dbUrl, String dbUser, String dbPassword,
                           int parallelism, Duration sweepInterval, Duration nodeTimeout,
                           Duration dagsScanInterval, Duration dagLoadTimeout, boolean pausedAtCreation,
                           String nodeName, NodeRoles roles, Duration heartbeatInterval, Duration shutdownGrace,
                           String host, boolean trustProxy, ParamCheck.UnknownKeys confUnknownKeys)
        implements DatabaseLocation {

    /** Checks what the settings must agree on. */
    public ServerConfig {
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ORCHESTRATOR_NODE_TIMEOUT_SECONDS (" + nodeTimeout.toSeconds()
                    + " s) must be at least twice ORCHESTRATOR_HEARTBEAT_MS (" + heartbeatInterval.toMillis()
                    + " ms), or live nodes would be declared dead between two heartbeats");
        }
    }

    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;
    /** Every interface: what {@code server} binds unless told otherwise. */
    public static final String ALL_INTERFACES = "0.0.0.0";
    /** Loopback only: what {@code standalone} binds unless told otherwise. */
    public static final String LOOPBACK = DatabaseLocation.LOOPBACK;
    /** How long closing the embedded H2 database may spend compacting its file (H2's MAX_COMPACT_TIME; its default is 200). */
    static final int H2_CLOSE_COMPACT_MILLIS = 10_000;

    /** @return the configuration from the process environment */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env environment variables
     * @return the configuration they describe, with defaults for what they leave out
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Path home = Optional.ofNullable(env.get("ORCHESTRATOR_HOME")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), "orchestrator"));
        return new ServerConfig(home.toAbsolutePath(),
                intOf(env, "ORCHESTRATOR_PORT", DEFAULT_PORT),
                env.getOrDefault("ORCHESTRATOR_DB_URL", ""),
                env.getOrDefault("ORCHESTRATOR_DB_USER", "sa"),
                env.getOrDefault("ORCHESTRATOR_DB_PASSWORD", ""),
                intOf(env, "ORCHESTRATOR_PARALLELISM", 32),
                Duration.ofMillis(intOf(env, "ORCHESTRATOR_SWEEP_INTERVAL_MS", 1000)),
                Duration.ofSeconds(intOf(env, "ORCHESTRATOR_NODE_TIMEOUT_SECONDS", 15)),
                Duration.ofSeconds(intOf(env, "ORCHESTRATOR_DAGS_SCAN_INTERVAL_SECONDS", 5)),
                Duration.ofMillis(intOf(env, "ORCHESTRATOR_DAG_LOAD_TIMEOUT_MS", 30_000)),
                Boolean.parseBoolean(env.getOrDefault("ORCHESTRATOR_DAGS_PAUSED_AT_CREATION", "false")),
                env.getOrDefault("ORCHESTRATOR_NODE_NAME", "standalone"),
                NodeRoles.parse(env.getOrDefault("ORCHESTRATOR_ROLE", "server")),
                Duration.ofMillis(intOf(env, "ORCHESTRATOR_HEARTBEAT_MS", 2000)),
                Duration.ofSeconds(intOf(env, "ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS", 30)),
                env.getOrDefault("ORCHESTRATOR_HOST", ALL_INTERFACES).strip(),
                Boolean.parseBoolean(env.getOrDefault("ORCHESTRATOR_TRUST_PROXY", "false").strip()),
                ParamCheck.UnknownKeys.parse(env.getOrDefault("ORCHESTRATOR_CONF_UNKNOWN_KEYS", "allow")));
    }

    /** @return the folder scanned for DAG bundles */
    public Path dagsFolder() {
        return home.resolve("dags");
    }

    /** @return the folder holding one log file per task try */
    public Path logsFolder() {
        return home.resolve("logs");
    }

    /** @return true when the database is the embedded H2 file in the home (no ORCHESTRATOR_DB_URL) */
    public boolean embeddedH2() {
        return dbUrl.isBlank();
    }

    /** @return the JDBC URL to use: the configured one, or the embedded H2 file in home (as its owner opens it) */
    public String jdbcUrl() {
        return embeddedH2() ? h2Url(h2File(), true) : dbUrl;
    }

    /**
     * @return the embedded H2 file's URL for the engine's own login, which is no admin and so may not
     *         set WRITE_DELAY: the owner's session set it, and H2 keeps it in the database
     */
    public String h2AppUrl() {
        return h2Url(h2File(), false);
    }

    private String h2File() {
        return home.resolve("db").resolve("orchestrator").toString();
    }

    /**
     * The embedded H2 database's URL.
     *
     * @param file           the database file, without H2's extension
     * @param durableCommits false for H2's default of commits buffered up to 500 ms (benchmarks compare)
     * @return the JDBC URL
     */
    public static String h2Url(String file, boolean durableCommits) {
        // WRITE_DELAY=0: H2 writes each commit to the file before the commit returns, so a
        // committed state change survives kill -9 (the default buffers commits for 500 ms).
        // AUTO_SERVER lets CLI commands reach the database while a server holds it open: the
        // process holding it listens on a loopback port (see H2Loopback) for clients that know the
        // key in the lock file and the password.
        // async: does file I/O through AsynchronousFileChannel: a plain FileChannel is closed for
        // good when a thread writing to it is interrupted (a task timeout, a shutdown), which
        // would take the whole database down with it.
        // QUERY_CACHE_SIZE: each connection keeps this many parsed statements; the engine's loop
        // uses a few dozen, and with H2's default of 8 it re-parsed most of them every cycle.
        // No DB_CLOSE_ON_EXIT=FALSE: H2 refuses it with AUTO_SERVER. H2's shutdown hook closes the
        // database at exit, so `server` runs its graceful shutdown from the SIGTERM/SIGINT handler,
        // before the JVM's hooks start (see StopSignals).
        // MAX_COMPACT_TIME: with WRITE_DELAY=0 H2 runs no background thread, so nothing compacts
        // the file while it is open: every commit writes a chunk, and chunks that keep a few live
        // pages stay (about 4.5 KB per finished task instance). Closing compacts it, for 200 ms by
        // default, which left it so; with up to 10 s it shrinks to about 0.5 KB per instance
        // (BENCHMARKS.md, "Issue 18: storage per task instance"). H2 reads it when it opens the file.
        return "jdbc:h2:async:" + file + (durableCommits ? ";WRITE_DELAY=0" : "")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;MAX_COMPACT_TIME=" + H2_CLOSE_COMPACT_MILLIS;
    }

    /** @param newHome the home folder @return a copy with that home */
    public ServerConfig withHome(Path newHome) {
        return new ServerConfig(Objects.requireNonNull(newHome).toAbsolutePath(), port, dbUrl, dbUser, dbPassword,
                parallelism, sweepInterval, nodeTimeout, dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName,
                roles, heartbeatInterval, shutdownGrace, host, trustProxy, confUnknownKeys);
    }

    /** @param newPort the HTTP port @return a copy with that port */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(home, newPort, dbUrl, dbUser, dbPassword, parallelism, sweepInterval,
                nodeTimeout, dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, roles, heartbeatInterval, shutdownGrace, host, trustProxy, confUnknownKeys);
    }

    /** @param newParallelism tries running at once @return a copy with that parallelism */
    public ServerConfig withParallelism(int newParallelism) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, newParallelism, sweepInterval,
                nodeTimeout, dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, roles, heartbeatInterval, shutdownGrace, host, trustProxy, confUnknownKeys);
    }

    /** @param name this node's stable name @return a copy with that node name */
    public ServerConfig withNodeName(String name) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, parallelism, sweepInterval, nodeTimeout,
                dagsScanInterval, dagLoadTimeout, pausedAtCreation, name, roles, heartbeatInterval, shutdownGrace, host, trustProxy, confUnknownKeys);
    }

    /** @param newRoles what this node does @return a copy with those roles */
    public ServerConfig withRoles(NodeRoles newRoles) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, parallelism, sweepInterval, nodeTimeout,
                dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, Objects.requireNonNull(newRoles),
                heartbeatInterval, shutdownGrace, host, trustProxy, confUnknownKeys);
    }

    /** @param grace how long running tries get on shutdown @return a copy with that grace period */
    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, parallelism, sweepInterval, nodeTimeout,
                dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, roles, heartbeatInterval, grace, host, trustProxy, confUnknownKeys);
    }

    /** @param newHost the address the HTTP server binds @return a copy with that address */
    public ServerConfig withHost(String newHost) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, parallelism, sweepInterval, nodeTimeout,
                dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, roles, heartbeatInterval, shutdownGrace,
                Objects.requireNonNull(newHost).strip(), trustProxy, confUnknownKeys);
    }

    /** @param policy whether a conf may name keys that are no param @return a copy with that policy */
    public ServerConfig withConfUnknownKeys(ParamCheck.UnknownKeys policy) {
        return new ServerConfig(home, port, dbUrl, dbUser, dbPassword, parallelism, sweepInterval, nodeTimeout,
                dagsScanInterval, dagLoadTimeout, pausedAtCreation, nodeName, roles, heartbeatInterval, shutdownGrace, host,
                trustProxy, Objects.requireNonNull(policy));
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
