package org.orchestrator.dags;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.testing.DagTester;

/**
 * A real H2 file database standing in for the {@code analytics} connection, and a data folder,
 * both in a test's temporary folder; with helpers to read tables back for assertions.
 */
public final class AnalyticsDb {

    private final Path dir;
    private final String url;

    private AnalyticsDb(Path dir) {
        this.dir = dir;
        this.url = "jdbc:h2:" + dir.toAbsolutePath().resolve("analytics");
    }

    /** @param dir a temporary folder @return a database and data folder in it */
    public static AnalyticsDb in(Path dir) {
        return new AnalyticsDb(dir);
    }

    /** @param dag a DAG @return a tester whose {@code analytics} connection and {@code data_dir} point here */
    public DagTester tester(Dag dag) {
        return DagTester.forDag(dag).jdbcConnection("analytics", url).variable("data_dir", dir.resolve("data").toString());
    }

    /** @return the folder staged files go to */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** @param sql a query @return its rows, each as a list of column values */
    public List<List<Object>> rows(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** @param sql a statement that changes data @return the rows it changed */
    public int execute(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    /** @param sql a query returning one number @return it */
    public long number(String sql) {
        return ((Number) rows(sql).getFirst().getFirst()).longValue();
    }

    /** @param tables tables to dump @return each table's rows in a stable order, as text */
    public Map<String, List<String>> dump(String... tables) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tables) {
            dump.put(table, rows("SELECT * FROM " + table + " ORDER BY 1, 2, 3").stream().map(Object::toString).toList());
        }
        return dump;
    }
}
