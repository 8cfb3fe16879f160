package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Task instances as the API lists them, each with its run's logical date. */
public final class TaskInstanceQueries {

    private static final String FROM = " FROM task_instance ti JOIN dag_run r ON r.id = ti.run_pk";

    /** The one column of the run the lists order or filter by. */
    private static final String RUN_LOGICAL_DATE = "r.logical_date";

    private static final String SELECT_COLUMNS = "SELECT " + TaskInstanceRow.columns("ti.") + ", ti.note, r.logical_date";

    private static final String SELECT = SELECT_COLUMNS + FROM;

    private static final RowMapper<TaskInstanceRecord> MAPPER = (rs, ctx) -> new TaskInstanceRecord(
            TaskInstanceRow.MAPPER.map(rs, ctx), Rows.instant(rs, "logical_date"), rs.getString("note"));

    /**
     * How old the total of an unfiltered list may be on PostgreSQL. There an exact count of every
     * instance reads the whole table (63 ms alone at a million instances, with parallel workers),
     * and 13 such lists a second took the server's two cores; H2 answers it from the table's row
     * count. Filtered totals are always exact.
     */
    static final java.time.Duration UNFILTERED_TOTAL_MAX_AGE = java.time.Duration.ofSeconds(1);

    private final String duration;
    private final Map<String, String> order;
    private final RecentCount unfilteredTotal;

    /** @param postgres true on PostgreSQL, false on H2: they compute durations differently */
    public TaskInstanceQueries(boolean postgres) {
        this.duration = postgres ? "EXTRACT(EPOCH FROM (ti.end_date - ti.start_date))"
                : "(DATEDIFF('MICROSECOND', ti.start_date, ti.end_date) / 1000000.0)";
        this.order = Map.ofEntries(Map.entry("id", "ti.id"), Map.entry("task_id", "ti.task_id"),
                Map.entry("dag_id", "ti.dag_id"), Map.entry("dag_run_id", "ti.run_id"), Map.entry("state", "ti.state"),
                Map.entry("start_date", "ti.start_date"), Map.entry("end_date", "ti.end_date"),
                Map.entry("duration", duration), Map.entry("try_number", "ti.try_number"), Map.entry("pool", "ti.pool"),
                Map.entry("priority_weight", "ti.priority_weight"), Map.entry("queued_when", "ti.queued_at"),
                Map.entry("logical_date", RUN_LOGICAL_DATE), Map.entry("execution_date", RUN_LOGICAL_DATE),
                Map.entry("map_index", "ti.map_index"));
        this.unfilteredTotal = postgres ? new RecentCount(UNFILTERED_TOTAL_MAX_AGE, System::nanoTime) : null;
    }

    /**
     * A task instance and its run's logical date.
     *
     * @param ti          the instance
     * @param logicalDate its run's logical date
     * @param note        the note an operator left on it, or null
     */
    public record TaskInstanceRecord(TaskInstanceRow ti, Instant logicalDate, String note) {
    }

    /**
     * Airflow's task instance filters; every bound is inclusive.
     *
     * @param dagIds   any of these DAGs, or empty for all
     * @param runIds   any of these run ids, or empty for all
     * @param taskIds  any of these tasks, or empty for all
     * @param states   any of these states ({@code none} for Airflow's null), or empty for all
     * @param pools    any of these pools, or empty for all
     * @param logical  the run's logical date bounds
     * @param start    start date bounds
     * @param end      end date bounds
     * @param duration duration bounds, in seconds
     */
    public record TaskInstanceFilter(List<String> dagIds, List<String> runIds, List<String> taskIds, List<String> states,
                                     List<String> pools, Range<Instant> logical, Range<Instant> start, Range<Instant> end,
                                     Range<Double> duration) {

        /** @return a filter for every instance of one run */
        public static TaskInstanceFilter ofRun(String dagId, String runId) {
            return new TaskInstanceFilter(List.of(dagId), List.of(runId), List.of(), List.of(), List.of(), Range.any(),
                    Range.any(), Range.any(), Range.any());
        }
    }

    /**
     * @return one page of the instances matching the filter. With a history of millions of rows the
     * page must never join or sort every instance: a filter on runs goes through the run's unique
     * key and then the run's instances; any other filter pages over {@code task_instance} alone
     * (its primary key gives the default order) and joins the runs of that page only.
     */
    public Listing<TaskInstanceRecord> list(Tx h, TaskInstanceFilter f, String orderBy, Page page) {
        Filter where = where(f);
        String orderSql = OrderBy.sql(orderBy, order, "id", "ti.id");
        boolean alone = !readsRuns(f) && !orderSql.contains(RUN_LOGICAL_DATE);
        LongSupplier count = () -> where.bind(h.createQuery("SELECT COUNT(*)" + (alone ? " FROM task_instance ti" : FROM)
                + where.sql())).mapTo(Long.class).one();
        long total = unfilteredTotal != null && where.sql().isEmpty() ? unfilteredTotal.get(count) : count.getAsLong();
        String pageSql = alone
                ? SELECT_COLUMNS + " FROM (SELECT * FROM task_instance ti" + where.sql() + orderSql
                        + " LIMIT :limit OFFSET :offset) ti JOIN dag_run r ON r.id = ti.run_pk" + orderSql
                : SELECT + where.sql() + orderSql + " LIMIT :limit OFFSET :offset";
        List<TaskInstanceRecord> items = where.bind(h.createQuery(pageSql))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return every instance matching the filter, by run then creation order (for clearing) */
    public List<TaskInstanceRecord> matching(Tx h, TaskInstanceFilter f) {
        Filter where = where(f);
        return where.bind(h.createQuery(SELECT + where.sql() + " ORDER BY ti.run_pk, ti.id"))
                .map(MAPPER).list();
    }

    /** @return true when the filter needs the runs' columns: run ids (matched through the run's key) or logical dates */
    private static boolean readsRuns(TaskInstanceFilter f) {
        return !f.runIds().isEmpty() || f.logical().from().isPresent() || f.logical().to().isPresent();
    }

    /**
     * Run ids are matched on {@code dag_run}, whose unique (dag_id, run_id) key finds the runs,
     * and whose primary key then finds their instances; {@code task_instance} has no index on its
     * copies of those columns, so matching them there would read every instance ever run.
     */
    private Filter where(TaskInstanceFilter f) {
        String dag = f.runIds().isEmpty() ? "ti.dag_id" : "r.dag_id";
        return new Filter().in(dag, f.dagIds()).in("r.run_id", f.runIds()).in("ti.task_id", f.taskIds())
                .in("ti.state", f.states()).in("ti.pool", f.pools()).within(RUN_LOGICAL_DATE, f.logical())
                .within("ti.start_date", f.start()).within("ti.end_date", f.end()).within(duration, f.duration());
    }

    /**
     * @param mapIndex the instance of a mapped task, or -1 for an unmapped task (or a mapped one
     *                 that has not expanded)
     * @return one task instance of a run
     */
    public Optional<TaskInstanceRecord> find(Tx h, String dagId, String runId, String taskId, int mapIndex) {
        return h.createQuery(SELECT
                        + " WHERE r.dag_id = :dag AND r.run_id = :run AND ti.task_id = :task AND ti.map_index = :index")
                .bind("dag", dagId).bind("run", runId).bind("task", taskId).bind("index", mapIndex).map(MAPPER).findOne();
    }

    /** @return one page of the instances of a mapped task in a run (Airflow's {@code listMapped}), by map index unless ordered */
    public Listing<TaskInstanceRecord> mapped(Tx h, String dagId, String runId, String taskId, String orderBy, Page page) {
        Filter where = new Filter().eq("r.dag_id", dagId).eq("r.run_id", runId).eq("ti.task_id", taskId);
        String sql = where.sql() + " AND ti.map_index >= 0";
        long total = where.bind(h.createQuery("SELECT COUNT(*)" + FROM + sql)).mapTo(Long.class).one();
        List<TaskInstanceRecord> items = where.bind(h.createQuery(SELECT + sql
                        + OrderBy.sql(orderBy == null ? "map_index" : orderBy, order, "map_index", "ti.map_index")
                        + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }
}
