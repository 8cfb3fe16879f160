package org.orchestrator.server.state;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Bundles that failed to load, one row per file, replaced on every scan. */
public final class ImportErrors {

    /**
     * @param id        key
     * @param filename  the bundle
     * @param message   what is wrong with it
     * @param createdAt when it was found
     */
    public record ImportErrorRow(long id, String filename, String message, Instant createdAt) {
        static final String COLUMNS = "id, filename, message, created_at";

        static final RowMapper<ImportErrorRow> MAPPER = (rs, ctx) -> new ImportErrorRow(rs.getLong("id"),
                rs.getString("filename"), rs.getString("message"), Rows.instant(rs, "created_at"));
    }

    /** Replaces all import errors with the given ones (file → message). */
    public void replaceAll(Tx h, java.util.Map<String, String> errors, Instant now) {
        h.createUpdate("DELETE FROM import_error").execute();
        errors.forEach((file, message) -> h.createUpdate(
                        "INSERT INTO import_error (filename, message, created_at) VALUES (:file, :message, :now)")
                .bind("file", file).bind("message", message).bind("now", now).execute());
    }

    /** @return all import errors by file name */
    public List<ImportErrorRow> all(Tx h) {
        return h.createQuery("SELECT " + ImportErrorRow.COLUMNS + " FROM import_error ORDER BY filename")
                .map(ImportErrorRow.MAPPER).list();
    }

    /** @return file names with errors */
    public Collection<String> files(Tx h) {
        return h.createQuery("SELECT filename FROM import_error").mapTo(String.class).list();
    }
}
