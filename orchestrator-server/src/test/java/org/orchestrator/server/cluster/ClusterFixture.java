package org.orchestrator.server.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.testkit.PostgresServer;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestEngine;

/**
 * Several real server JVMs on one real PostgreSQL: a database for the engine, another for the
 * tasks' external ledger, one home (dags folder, logs) shared by the nodes as a network folder
 * would be, and an admin user. Closing it ends every node it started.
 */
final class ClusterFixture implements AutoCloseable {

    static final String ADMIN = "admin:cluster-test-password";

    private final Path home = TestEngine.fresh();
    private final String engineUrl;
    private final String ledgerUrl;
    private final Map<String, String> env;
    private final Map<String, ServerProcess> nodes = new LinkedHashMap<>();

    /** @param settings ORCHESTRATOR_* settings every node gets (timeouts, parallelism) */
    ClusterFixture(Map<String, String> settings) throws SQLException {
        PostgresServer pg = PostgresServer.shared();
        this.engineUrl = pg.createDatabase();
        this.ledgerUrl = pg.createDatabase();
        Map<String, String> all = new HashMap<>(settings);
        all.put("ORCHESTRATOR_DB_URL", engineUrl);
        all.put("ORCHESTRATOR_DB_USER", PostgresServer.USER);
        all.put("ORCHESTRATOR_DB_PASSWORD", "");
        all.put("ORCHESTRATOR_HOME", home.toString());
        all.put("LEDGER_URL", ledgerUrl);
        this.env = Map.copyOf(all);
        try (Database database = Database.open(ServerConfig.fromEnvironment(env))) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "cluster-test-password", "admin");
        }
        update(ledgerUrl, "CREATE TABLE ledger (id BIGSERIAL PRIMARY KEY, idem_key TEXT NOT NULL, try_number INT NOT NULL, "
                + "node TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), ended_at TIMESTAMPTZ)");
    }

    /** @return the shared home; its {@code dags} folder is every node's */
    Path home() {
        return home;
    }

    /** Starts a node and waits until its {@code /health} answers. */
    ServerProcess start(String name, String roles) throws IOException {
        Map<String, String> nodeEnv = new HashMap<>(env);
        nodeEnv.put("ORCHESTRATOR_NODE_NAME", name);
        ServerProcess node = ServerProcess.start(home, nodeEnv, List.of("--role", roles));
        nodes.put(name, node);
        return node;
    }

    /** @return a started node by name */
    ServerProcess node(String name) {
        return nodes.get(name);
    }

    /** Triggers a manual run through a node's REST API. */
    void trigger(ServerProcess via, String dagId, String runId) throws IOException {
        HttpResponse<String> response = via.post("/api/v1/dags/" + dagId + "/dagRuns", ADMIN, "{\"dag_run_id\": \"" + runId + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("trigger of " + dagId + "/" + runId + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** @return the first column of the first row of a query on the engine's database, as a long */
    long engineCount(String sql, Object... args) throws SQLException {
        return count(engineUrl, sql, args);
    }

    /** @return the first column of the first row of a query on the ledger database, as a long */
    long ledgerCount(String sql, Object... args) throws SQLException {
        return count(ledgerUrl, sql, args);
    }

    /** @return every row of a query on the engine's database, columns as strings */
    List<List<String>> engineRows(String sql, Object... args) throws SQLException {
        try (Connection c = connect(engineUrl); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static long count(String url, String sql, Object... args) throws SQLException {
        try (Connection c = connect(url); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(String url, String sql) throws SQLException {
        try (Connection c = connect(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, "");
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess node : nodes.values()) {
            node.close();
        }
    }
}
