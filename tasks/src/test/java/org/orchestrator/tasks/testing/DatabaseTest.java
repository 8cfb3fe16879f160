package org.orchestrator.tasks.testing;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * Base of the contract tests that run tasks against a real database. A subclass names the
 * database ({@code ...OnH2Test} gives an H2 file database; a PostgreSQL subclass gives a fresh
 * database of a started server); the tests themselves stay the same.
 */
public abstract class DatabaseTest {

    /** The connection id the tests' tasks use. */
    public static final String DB = "warehouse";

    @TempDir
    protected Path tempDir;

    protected Connection db;
    protected TestTaskContext ctx;

    /**
     * @param dir an empty directory this test may use
     * @return a connection (type {@code jdbc}) to an empty database
     */
    protected abstract Connection database(Path dir) throws Exception;

    @BeforeEach
    void openDatabase() throws Exception {
        db = database(tempDir);
        ctx = TestTaskContext.of("db_dag", "db_task").withConnection(db);
    }

    /** @return a JDBC connection to the test database, for arranging and asserting */
    protected java.sql.Connection jdbc() throws SQLException {
        return Jdbc.open(ctx, DB);
    }

    /** Runs statements outside any task. */
    protected void exec(String... statements) throws SQLException {
        try (var conn = jdbc(); var st = conn.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** @return the query's rows, column labels lower-cased */
    protected List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (var conn = jdbc(); PreparedStatement ps = conn.prepareStatement(sql)) {
            Jdbc.bind(ps, List.of(params));
            try (ResultSet rs = ps.executeQuery()) {
                return Jdbc.read(rs, Integer.MAX_VALUE);
            }
        }
    }

    /** @return the query's first value */
    protected Object value(String sql, Object... params) throws SQLException {
        return rows(sql, params).getFirst().values().iterator().next();
    }

    /** @return a connection of type jdbc to an H2 file database in {@code dir} */
    public static Connection h2(Path dir) {
        return new Connection(DB, "jdbc", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa", "secret", Map.of());
    }
}
