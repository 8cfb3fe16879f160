package org.orchestrator.server.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.state.Dags.DagRow;

/** The DAG table as the API lists it: filtered, ordered, paged. */
public final class DagQueries {

    private static final Map<String, String> ORDER = Map.of("dag_id", "dag_id", "is_paused", "is_paused",
            "is_active", "is_active", "next_dagrun", "next_dagrun", "last_parsed_time", "last_parsed",
            "owners", "owners", "fileloc", "fileloc", "description", "description");

    /**
     * Airflow's DAG list filters.
     *
     * @param dagIdPattern substring of the id, case-insensitive, or null
     * @param tags         any of these tags, or empty
     * @param paused       only paused (true) or unpaused (false) DAGs, or null for both
     * @param onlyActive   only DAGs still defined by a bundle
     */
    public record DagFilter(String dagIdPattern, List<String> tags, Boolean paused, boolean onlyActive) {
    }

    /** @return one page of the DAGs matching the filter */
    public Listing<DagRow> list(Tx h, DagFilter filter, String orderBy, Page page) {
        Filter where = new Filter().contains("dag_id", filter.dagIdPattern()).hasAnyItem("tags", filter.tags())
                .eq("is_paused", filter.paused());
        if (filter.onlyActive()) {
            where.where("is_active = TRUE");
        }
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM dag" + where.sql())).mapTo(Long.class).one();
        List<DagRow> items = where.bind(h.createQuery("SELECT " + DagRow.COLUMNS + " FROM dag" + where.sql()
                        + OrderBy.sql(orderBy, ORDER, "dag_id", "dag_id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(DagRow.MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return the DAG, if the table has it */
    public Optional<DagRow> find(Tx h, String dagId) {
        return h.createQuery("SELECT " + DagRow.COLUMNS + " FROM dag WHERE dag_id = :dag").bind("dag", dagId).map(DagRow.MAPPER).findOne();
    }
}
