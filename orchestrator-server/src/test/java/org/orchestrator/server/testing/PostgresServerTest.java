package org.orchestrator.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test PostgreSQL: real, isolated per database, and restartable on the same port without losing commits. */
class PostgresServerTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void each_created_database_is_empty_and_separate() throws SQLException {
        String first = server.createDatabase();
        String second = server.createDatabase();
        update(first, "CREATE TABLE marker (id INT)");

        assertThat(first).isNotEqualTo(second);
        assertThat(count(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")).isZero();
    }

    @Test
    void a_restart_on_the_same_port_keeps_committed_rows() throws SQLException {
        String url = server.createDatabase();
        update(url, "CREATE TABLE ledger (id INT PRIMARY KEY)");
        update(url, "INSERT INTO ledger VALUES (1), (2)");

        server.stop();
        try {
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> count(url, "SELECT 1")).isInstanceOf(SQLException.class);
        } finally {
            server.start();
        }

        assertThat(url).contains(":" + server.port() + "/");
        assertThat(count(url, "SELECT count(*) FROM ledger")).isEqualTo(2);
    }

    private static void update(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
