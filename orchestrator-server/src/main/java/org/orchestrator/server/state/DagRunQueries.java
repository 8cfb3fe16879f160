package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** DAG runs as the API lists them: filtered by DAG, state and dates, ordered, paged. */
public final class DagRunQueries {

    private static final Map<String, String> ORDER = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("dag_id", "dag_id"), Map.entry("dag_run_id", "run_id"), Map.entry("run_id", "run_id"),
            Map.entry("logical_date", "logical_date"), Map.entry("execution_date", "logical_date"),
            Map.entry("start_date", "start_date"), Map.entry("end_date", "end_date"), Map.entry("state", "state"),
            Map.entry("run_type", "run_type"), Map.entry("queued_at", "queued_at"),
            Map.entry("data_interval_start", "data_interval_start"), Map.entry("data_interval_end", "data_interval_end"));

    /**
     * Airflow's DAG run filters; every bound is inclusive.
     *
     * @param dagIds  any of these DAGs, or empty for all
     * @param states  any of these states, or empty for all
     * @param logical logical date bounds
     * @param start   start date bounds
     * @param end     end date bounds
     */
    public record RunFilter(List<String> dagIds, List<String> states, Range<Instant> logical, Range<Instant> start,
                            Range<Instant> end) {
    }

    /** @return one page of the runs matching the filter */
    public Listing<DagRunRow> list(Tx h, RunFilter f, String orderBy, Page page) {
        Filter where = new Filter().in("dag_id", f.dagIds()).in("state", f.states()).within("logical_date", f.logical())
                .within("start_date", f.start()).within("end_date", f.end());
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM dag_run" + where.sql())).mapTo(Long.class).one();
        List<DagRunRow> items = where.bind(h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run" + where.sql()
                        + withinOneDag(f, OrderBy.sql(orderBy, ORDER, "id", "id")) + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(DagRunRow.MAPPER).list();
        return new Listing<>(items, total);
    }

    /**
     * One DAG's runs newest first, in the order of the {@code (dag_id, logical_date DESC, id DESC)}
     * index (V18): led by {@code dag_id}, the same order for one DAG, so that H2 reads a page of the
     * index (see {@link #withinOneDag}).
     */
    static final String NEWEST_OF_ONE_DAG = " ORDER BY dag_id, logical_date DESC, id DESC";

    /**
     * @return the order, led by {@code dag_id} when the filter names one DAG: the same order, but
     * H2 takes an index's order only when the ORDER BY starts at the index's first column, so only
     * then does it read one page of the DAG's (dag_id, id) or (dag_id, logical_date DESC) index
     * (V18) instead of every run of the DAG, sorted
     */
    static String withinOneDag(RunFilter f, String orderSql) {
        return f.dagIds().size() == 1 ? orderSql.replaceFirst(" ORDER BY ", " ORDER BY dag_id, ") : orderSql;
    }

    /** @return the run */
    public Optional<DagRunRow> find(Tx h, String dagId, String runId) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE dag_id = :dag AND run_id = :run")
                .bind("dag", dagId).bind("run", runId).map(DagRunRow.MAPPER).findOne();
    }
}
