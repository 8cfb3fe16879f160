package org.orchestrator.tasks.csv;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * Writes accepted rows into the target table in JDBC batches. With key columns, each batch first
 * deletes the rows with the batch's keys and then inserts: an upsert that needs no dialect's
 * {@code MERGE}/{@code ON CONFLICT}, and within the load's transaction it is just as atomic.
 */
final class TableWriter {

    private final Connection conn;
    private final String table;
    private final List<Column> columns;
    private final List<Integer> keyIndexes;
    private final int batchSize;
    // Keyed by the row's key (or its position when there is none); a later row with the same key replaces an earlier one.
    private final Map<Object, List<Object>> pending = new LinkedHashMap<>();
    private long accepted;

    TableWriter(Connection conn, String table, List<Column> columns, List<String> keyColumns, int batchSize) {
        this.conn = conn;
        this.table = table;
        this.columns = columns;
        this.keyIndexes = keyColumns.stream().map(k -> columns.stream().map(Column::name).toList().indexOf(k)).toList();
        this.batchSize = batchSize;
    }

    /** Creates the table from the declared columns, with the key as primary key, unless it exists. */
    void createIfMissing(List<String> keyColumns) throws SQLException {
        String defs = columns.stream().map(c -> c.name() + " " + c.type().sqlType() + (c.required() ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        String key = keyColumns.isEmpty() ? "" : ", PRIMARY KEY (" + String.join(", ", keyColumns) + ")";
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + defs + key + ")");
        }
    }

    /** Deletes the rows matching a condition (or all rows) before the load. @return rows deleted */
    int deleteWhere(String condition, List<Object> params) throws SQLException {
        String sql = "DELETE FROM " + table + (condition == null ? "" : " WHERE " + condition);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return ps.executeUpdate();
        }
    }

    void add(List<Object> values) throws SQLException {
        Object key = keyIndexes.isEmpty() ? (Object) accepted : keyIndexes.stream().map(values::get).toList();
        pending.put(key, values);
        accepted++;
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        if (!keyIndexes.isEmpty()) {
            deleteKeys();
        }
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            for (List<Object> row : pending.values()) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        pending.clear();
    }

    private void deleteKeys() throws SQLException {
        String where = keyIndexes.stream().map(i -> columns.get(i).name() + " = ?").collect(Collectors.joining(" AND "));
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE " + where)) {
            for (Object key : pending.keySet()) {
                Jdbc.bind(ps, new ArrayList<>((List<?>) key));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return rows accepted so far; a key repeated in the file counts each time (its last row wins) */
    long accepted() {
        return accepted;
    }
}
