package org.orchestrator.server.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.MappedState;
import org.orchestrator.server.internal.Json;

/**
 * The grid's data in two queries: a DAG's latest runs, and the state, try and duration of every
 * task instance of some of them. Read straight from the tables because the grid may show
 * hundreds of runs of hundreds of tasks, and the API's full task instance objects for 100,000
 * cells would be tens of megabytes.
 */
public final class GridQueries {

    /**
     * A run as the grid needs it.
     *
     * @param id          its primary key (not sent; used to read its cells)
     * @param dagRunId    run id
     * @param state       queued, running, success or failed
     * @param runType     scheduled, manual or backfill
     * @param logicalDate logical date
     * @param startDate   start, or null
     * @param endDate     end, or null
     * @param conf        the run's conf
     */
    public record GridRun(@JsonIgnore long id, String dagRunId, String state, String runType, Instant logicalDate, Instant startDate,
                   Instant endDate, Map<String, Object> conf) {
    }

    /**
     * One grid cell.
     *
     * @param runId     run id
     * @param taskId    task id
     * @param state     state, or null before it is scheduled (Airflow's spelling of none)
     * @param tryNumber tries started
     * @param duration  seconds of the latest try, or null while it runs
     * @param mapCount  how many instances a mapped task has in the run (its state is their
     *                  aggregate, its duration from the first start to the last end), 0 when unmapped
     */
    public record Cell(String runId, String taskId, String state, int tryNumber, Double duration, int mapCount) {
    }

    /**
     * One try of a run's task, as the Gantt chart draws it.
     *
     * @param taskId    task
     * @param tryNumber try
     * @param state     its outcome, or running
     * @param startDate start
     * @param endDate   end, or null while it runs
     */
    public record TrySpan(String taskId, int tryNumber, String state, Instant startDate, Instant endDate) {
    }

    /**
     * A DAG's grid.
     *
     * @param runs      its newest runs, oldest first
     * @param totalRuns how many runs it has in all
     * @param cells     the cells of the runs asked for
     */
    public record Grid(List<GridRun> runs, long totalRuns, List<Cell> cells) {
    }

    /**
     * Which runs the grid shows: run states and run types (empty: any) and a logical date range.
     *
     * @param states       run states, e.g. {@code failed}
     * @param runTypes     run types, e.g. {@code manual}
     * @param logicalDates inclusive bounds of the logical date
     */
    public record GridFilter(List<String> states, List<String> runTypes, Range<Instant> logicalDates) {

        /** Copies the lists. */
        public GridFilter {
            states = List.copyOf(states);
            runTypes = List.copyOf(runTypes);
        }

        /** @return the WHERE clause of the DAG's runs this filter lets through */
        Filter where(String dagId) {
            return new Filter().eq("dag_id", dagId).in("state", states).in("run_type", runTypes).within("logical_date", logicalDates);
        }
    }

    /** @return the grid of the newest {@code limit} runs the filter lets through, or empty when there is no such DAG */
    Optional<Grid> grid(Tx h, String dagId, int limit, GridFilter filter, UnaryOperator<List<GridRun>> wanted) {
        if (h.createQuery("SELECT COUNT(*) FROM dag WHERE dag_id = :dag").bind("dag", dagId).mapTo(Long.class).one() == 0) {
            return Optional.empty();
        }
        List<GridRun> runs = runs(h, dagId, limit, filter);
        return Optional.of(new Grid(runs, count(h, dagId, filter), cells(h, wanted.apply(runs))));
    }

    /** @return every try of the run's tasks by task and try, or empty when there is no such run */
    Optional<List<TrySpan>> tries(Tx h, String dagId, String runId) {
        return h.createQuery("SELECT id FROM dag_run WHERE dag_id = :dag AND run_id = :run")
                .bind("dag", dagId).bind("run", runId).mapTo(Long.class).findOne()
                .map(runPk -> h.createQuery("SELECT ti.task_id, t.try_number, t.state, t.start_date, t.end_date FROM task_try t "
                                + "JOIN task_instance ti ON ti.id = t.ti_id WHERE ti.run_pk = :run ORDER BY ti.task_id, t.try_number")
                        .bind("run", runPk)
                        .map((rs, c) -> new TrySpan(rs.getString("task_id"), rs.getInt("try_number"), rs.getString("state"),
                                Rows.instant(rs, "start_date"), Rows.instant(rs, "end_date"))).list());
    }

    /** @return the DAG's newest runs, at most {@code limit}, oldest first (one page of the dag_run_dag_newest index, see DagRunQueries) */
    private List<GridRun> runs(Tx h, String dagId, int limit, GridFilter filter) {
        Filter where = filter.where(dagId);
        List<GridRun> newestFirst = where.bind(h.createQuery("SELECT id, run_id, state, run_type, logical_date, start_date, "
                        + "end_date, conf FROM dag_run" + where.sql() + DagRunQueries.NEWEST_OF_ONE_DAG + " LIMIT :limit"))
                .bind("limit", limit)
                .map((rs, ctx) -> new GridRun(rs.getLong("id"), rs.getString("run_id"), rs.getString("state"), rs.getString("run_type"),
                        Rows.instant(rs, "logical_date"), Rows.instant(rs, "start_date"), Rows.instant(rs, "end_date"),
                        conf(rs.getString("conf")))).list();
        return newestFirst.reversed();
    }

    /** @return how many runs the DAG has that the filter lets through */
    private long count(Tx h, String dagId, GridFilter filter) {
        Filter where = filter.where(dagId);
        return where.bind(h.createQuery("SELECT COUNT(*) FROM dag_run" + where.sql())).mapTo(Long.class).one();
    }

    /**
     * @return the cells of these runs, through the (run, task) index. Unmapped instances (nearly
     * all of them) are read as they are: asking H2 to group 5,000 rows of 25 runs into 5,000
     * groups of one took four times as long as reading them. A mapped task's instances are counted
     * per state in the query and folded into one cell here, so a 1,000-way mapped task costs a few
     * rows per run, not a thousand.
     */
    private List<Cell> cells(Tx h, List<GridRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<Long, String> runIds = runs.stream().collect(Collectors.toMap(GridRun::id, GridRun::dagRunId));
        Map<String, List<StateGroup>> byCell = new java.util.LinkedHashMap<>();
        java.util.function.Consumer<StateGroup> add = g -> byCell.computeIfAbsent(g.runId() + "\n" + g.taskId(),
                k -> new java.util.ArrayList<>()).add(g);
        h.createQuery("SELECT run_pk, task_id, state, 1 AS n, try_number AS tries, start_date AS first_start, end_date AS last_end, "
                        + "map_index FROM task_instance WHERE run_pk IN (<runs>) AND map_index < 0")
                .bindList("runs", List.copyOf(runIds.keySet())).map((rs, ctx) -> stateGroup(rs, runIds)).forEach(add);
        h.createQuery("SELECT run_pk, task_id, state, COUNT(*) AS n, MAX(try_number) AS tries, MIN(start_date) AS first_start, "
                        + "MAX(end_date) AS last_end, MAX(map_index) AS map_index FROM task_instance WHERE run_pk IN (<runs>) "
                        + "AND map_index >= 0 GROUP BY run_pk, task_id, state")
                .bindList("runs", List.copyOf(runIds.keySet())).map((rs, ctx) -> stateGroup(rs, runIds)).forEach(add);
        return byCell.values().stream().map(GridQueries::fold).toList();
    }

    private static StateGroup stateGroup(java.sql.ResultSet rs, Map<Long, String> runIds) throws java.sql.SQLException {
        return new StateGroup(runIds.get(rs.getLong("run_pk")), rs.getString("task_id"), rs.getString("state"), rs.getInt("n"),
                rs.getInt("tries"), Rows.instant(rs, "first_start"), Rows.instant(rs, "last_end"), rs.getInt("map_index") >= 0);
    }

    /** The instances of one task in one run that share a state. */
    private record StateGroup(String runId, String taskId, String state, int count, int tries, Instant firstStart,
                              Instant lastEnd, boolean mapped) {
    }

    private static Cell fold(List<StateGroup> groups) {
        StateGroup first = groups.getFirst();
        if (groups.size() == 1 && !first.mapped()) {
            // An unmapped instance is its own cell: no aggregate to compute (the streams below
            // were a third of a 5,000-cell grid's time).
            return new Cell(first.runId(), first.taskId(), state(first.state()), first.tries(),
                    seconds(first.firstStart(), first.lastEnd()), 0);
        }
        TaskState state = MappedState.aggregate(groups.stream().map(g -> TaskState.fromWireName(g.state())).toList());
        Instant start = groups.stream().map(StateGroup::firstStart).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
        boolean open = groups.stream().anyMatch(g -> g.lastEnd() == null);
        Instant end = open ? null : groups.stream().map(StateGroup::lastEnd).max(Instant::compareTo).orElse(null);
        int tries = groups.stream().mapToInt(StateGroup::tries).max().orElse(0);
        int mapped = groups.stream().anyMatch(StateGroup::mapped) ? groups.stream().mapToInt(StateGroup::count).sum() : 0;
        return new Cell(first.runId(), first.taskId(), state(state.wireName()), tries, seconds(start, end), mapped);
    }

    private static String state(String stored) {
        return "none".equals(stored) ? null : stored;
    }

    private static Double seconds(Instant start, Instant end) {
        return start == null || end == null ? null : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
    }

    private static Map<String, Object> conf(String json) {
        try {
            return Json.objectOf(json);
        } catch (IllegalArgumentException e) {
            // The server writes conf as a JSON object; anything else is shown as empty, as the API does.
            return Map.of();
        }
    }
}
