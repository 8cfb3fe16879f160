package org.orchestrator.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmarks on a PostgreSQL database the user names: each engine gets a schema of its own (made
 * and dropped here, nothing else in the database is touched), and commits are counted from
 * {@code pg_stat_database.xact_commit}.
 */
final class PostgresBench {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final String url;
    private final String user;
    private final String password;

    PostgresBench(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /** @return a new empty schema's name */
    String createSchema() {
        String schema = "orchestrator_bench_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** @return the URL with the schema as the connections' current schema (Flyway, Jdbi and Quartz all use it) */
    String urlFor(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Committed transactions of the database so far, once every closed connection's counts have
     * reached the statistics (a backend reports them when it exits, shortly after its client
     * closed it). Read in one transaction that is rolled back, so reading adds no commit.
     */
    long settledCommits() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long previous = -1;
            long current = commits(s);
            while (current != previous) {
                java.util.concurrent.locks.LockSupport.parkNanos(500_000_000);
                previous = current;
                current = commits(s);
            }
            c.rollback();
            return current;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database on " + url, e);
        }
    }

    private static long commits(Statement s) throws SQLException {
        s.execute("SELECT pg_stat_clear_snapshot()"); // else the transaction sees its first snapshot forever
        try (ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }
}
