package org.orchestrator.tasks.csv;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * The table that keeps rejected rows: source file, line number, raw line and the reason. It is
 * created when missing; a load first removes what an earlier load of the same file put there,
 * so a rerun leaves it identical.
 */
final class DeadLetter implements AutoCloseable {

    /** Raw lines and reasons are cut to these lengths to fit the portable VARCHAR columns. */
    private static final int RAW_MAX = 4000;
    private static final int REASON_MAX = 1000;

    private final PreparedStatement insert;
    private final String sourceFile;
    private final int batchSize;
    private int pending;
    private long rejected;

    private DeadLetter(PreparedStatement insert, String sourceFile, int batchSize) {
        this.insert = insert;
        this.sourceFile = sourceFile;
        this.batchSize = batchSize;
    }

    static DeadLetter open(Connection conn, String table, String sourceFile, int batchSize) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (source_file VARCHAR(1000) NOT NULL, line_number BIGINT NOT NULL, "
                    + "raw_line VARCHAR(" + RAW_MAX + "), reason VARCHAR(" + REASON_MAX + ") NOT NULL)");
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE source_file = ?")) {
            Jdbc.bind(ps, List.of(sourceFile));
            ps.executeUpdate();
        }
        PreparedStatement insert = conn.prepareStatement(
                "INSERT INTO " + table + " (source_file, line_number, raw_line, reason) VALUES (?, ?, ?, ?)");
        return new DeadLetter(insert, sourceFile, batchSize);
    }

    void reject(long line, String raw, String reason) throws SQLException {
        insert.setString(1, sourceFile);
        insert.setLong(2, line);
        insert.setString(3, cut(raw, RAW_MAX));
        insert.setString(4, cut(reason, REASON_MAX));
        insert.addBatch();
        rejected++;
        if (++pending >= batchSize) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    long rejected() {
        return rejected;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
