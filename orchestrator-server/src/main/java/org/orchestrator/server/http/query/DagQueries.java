package org.orchestrator.server.http.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.orchestrator.server.http.Page;

/** The DAG table as the API lists it: filtered, ordered, paged. */
public final class DagQueries {

    private static final Map<String, String> ORDER = Map.of("dag_id", "dag_id", "is_paused", "is_paused",
            "is_active", "is_active", "next_dagrun", "next_dagrun", "last_parsed_time", "last_parsed",
            "owners", "owners", "fileloc", "fileloc", "description", "description");

    /**
     * A DAG row with what the API shows of it.
     *
     * @param dagId          id
     * @param paused         paused
     * @param active         still defined by a bundle
     * @param description    description
     * @param owners         owner
     * @param tags           comma-separated tags
     * @param schedule       schedule expression
     * @param timezone       zone id
     * @param fileloc        bundle file
     * @param currentVersion version hash
     * @param nextDagrun     logical date of the next scheduled run
     * @param lastParsed     when its bundle was last loaded
     */
    public record DagRecord(String dagId, boolean paused, boolean active, String description, String owners,
                            String tags, String schedule, String timezone, String fileloc, String currentVersion,
                            Instant nextDagrun, Instant lastParsed) {
    }

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

    private static final RowMapper<DagRecord> MAPPER = (rs, ctx) -> new DagRecord(rs.getString("dag_id"),
            rs.getBoolean("is_paused"), rs.getBoolean("is_active"), rs.getString("description"),
            rs.getString("owners"), rs.getString("tags"), rs.getString("schedule"), rs.getString("timezone"),
            rs.getString("fileloc"), rs.getString("current_version"), Columns.instant(rs, "next_dagrun"),
            Columns.instant(rs, "last_parsed"));

    /** @return one page of the DAGs matching the filter */
    public Listing<DagRecord> list(Handle h, DagFilter filter, String orderBy, Page page) {
        Filter where = new Filter().contains("dag_id", filter.dagIdPattern()).hasAnyItem("tags", filter.tags())
                .eq("is_paused", filter.paused());
        if (filter.onlyActive()) {
            where.where("is_active = TRUE");
        }
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM dag" + where.sql())).mapTo(Long.class).one();
        List<DagRecord> items = where.bind(h.createQuery("SELECT * FROM dag" + where.sql()
                        + OrderBy.sql(orderBy, ORDER, "dag_id", "dag_id") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return the DAG, if the table has it */
    public Optional<DagRecord> find(Handle h, String dagId) {
        return h.createQuery("SELECT * FROM dag WHERE dag_id = :dag").bind("dag", dagId).map(MAPPER).findOne();
    }
}
