package org.orchestrator.server.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each table of the schema weighs on disk, for the benchmark's storage figures: on
 * PostgreSQL {@code pg_total_relation_size} (heap, TOAST and indexes) of the current schema's
 * tables; on H2 {@code DISK_SPACE_USED}, the bytes of the pages its table and indexes hold (H2
 * has no other per-table figure: old page versions and free space are in the file, not in a table).
 */
public final class StorageSizes {

    /**
     * One table's weight.
     *
     * @param table      the table's name, lower case
     * @param rows       rows in it
     * @param totalBytes bytes of the table with its indexes
     * @param indexBytes bytes of its indexes alone (PostgreSQL; 0 on H2, which does not split them)
     */
    public record TableSize(String table, long rows, long totalBytes, long indexBytes) {
    }

    /**
     * One index's weight (PostgreSQL).
     *
     * @param index the index's name
     * @param table the table it indexes
     * @param bytes its size on disk
     */
    public record IndexSize(String index, String table, long bytes) {
    }

    /** @return the schema's indexes, heaviest first, on PostgreSQL; empty on H2, which has no figure per index */
    public List<IndexSize> indexes(Tx h) {
        if (!Dialect.postgres(h)) {
            return List.of();
        }
        return h.createQuery("SELECT i.relname AS idx, t.relname AS tbl, pg_relation_size(i.oid) AS bytes FROM pg_index x "
                        + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                        + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() ORDER BY bytes DESC")
                .map((rs, ctx) -> new IndexSize(rs.getString("idx"), rs.getString("tbl"), rs.getLong("bytes"))).list();
    }

    /**
     * Rewrites the schema's tables without their dead row versions ({@code VACUUM FULL}), on
     * PostgreSQL: what is left is what the live rows weigh, the size autovacuum's reuse of dead
     * space keeps a steady deployment near. Nothing on H2. Not inside a transaction.
     */
    public void vacuumFull(Tx h) {
        if (Dialect.postgres(h)) {
            for (String table : tableNames(h, true)) {
                h.createUpdate("VACUUM FULL \"" + table.replace("\"", "\"\"") + "\"").execute();
            }
        }
    }

    /** @return every table of the schema, heaviest first */
    public List<TableSize> tables(Tx h) {
        List<TableSize> sizes = new ArrayList<>();
        boolean postgres = Dialect.postgres(h);
        for (String table : tableNames(h, postgres)) {
            // Names as the catalog spells them, quoted: Flyway's history table is lower case on H2 too.
            long rows = h.createQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"").mapTo(Long.class).one();
            sizes.add(postgres ? postgresSize(h, table, rows) : h2Size(h, table, rows));
        }
        sizes.sort(Comparator.comparingLong(TableSize::totalBytes).reversed());
        return sizes;
    }

    private static List<String> tableNames(Tx h, boolean postgres) {
        String sql = postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'";
        return h.createQuery(sql).mapTo(String.class).list();
    }

    private static TableSize postgresSize(Tx h, String table, long rows) {
        return h.createQuery("SELECT pg_total_relation_size(c.oid) AS total, pg_indexes_size(c.oid) AS indexes FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = :t")
                .bind("t", table)
                .map((rs, ctx) -> new TableSize(table.toLowerCase(java.util.Locale.ROOT), rows, rs.getLong("total"), rs.getLong("indexes"))).one();
    }

    private static TableSize h2Size(Tx h, String table, long rows) {
        // DISK_SPACE_USED parses its argument as a name: quoted, it keeps the catalog's case.
        long bytes = h.createQuery("SELECT DISK_SPACE_USED(:t)").bind("t", "\"" + table.replace("\"", "\"\"") + "\"")
                .mapTo(Long.class).one();
        return new TableSize(table.toLowerCase(java.util.Locale.ROOT), rows, bytes, 0);
    }
}
