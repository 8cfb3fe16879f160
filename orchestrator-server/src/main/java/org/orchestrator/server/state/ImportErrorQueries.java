package org.orchestrator.server.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.state.ImportErrors.ImportErrorRow;

/** Import errors as the API lists them. */
public final class ImportErrorQueries {

    private static final Map<String, String> ORDER = Map.of("import_error_id", "id", "id", "id",
            "timestamp", "created_at", "filename", "filename");

    /** @return one page of the import errors */
    public Listing<ImportErrorRow> list(Tx h, String orderBy, Page page) {
        long total = h.createQuery("SELECT COUNT(*) FROM import_error").mapTo(Long.class).one();
        List<ImportErrorRow> items = h.createQuery("SELECT " + ImportErrorRow.COLUMNS + " FROM import_error" + OrderBy.sql(orderBy, ORDER, "id", "id")
                        + " LIMIT :limit OFFSET :offset")
                .bind("limit", page.limit()).bind("offset", page.offset()).map(ImportErrorRow.MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return the import error */
    public Optional<ImportErrorRow> find(Tx h, long id) {
        return h.createQuery("SELECT " + ImportErrorRow.COLUMNS + " FROM import_error WHERE id = :id").bind("id", id).map(ImportErrorRow.MAPPER).findOne();
    }
}
