package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.GridQueries.Cell;
import org.orchestrator.server.state.GridQueries.Grid;
import org.orchestrator.server.state.GridQueries.GridFilter;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.RunType;

/**
 * {@code GET /ui/api/dags/{dag_id}/grid?limit=N&instances=all|none|listed&run_id=…}: the DAG's
 * latest N runs (oldest first) and, compactly, the cells of all of them, none, or the listed
 * ones, packed per run as {@link RunCells} aligned with {@code task_ids}, so 500 runs of 200
 * tasks are well under a megabyte. A dashboard helper, not part of the Airflow API.
 *
 * <p>The grid's filters narrow the runs before the newest N are taken: {@code state} and
 * {@code run_type} (repeatable) and {@code logical_date_gte} / {@code logical_date_lte}. A deep
 * link to an old run asks for the N runs up to its logical date, so that run is among them.
 */
final class GridRoutes {

    static final int MAX_RUNS = 1000;
    private static final List<String> RUN_STATES = List.of("queued", "running", "success", "failed");
    private static final List<String> RUN_TYPES = Arrays.stream(RunType.values()).map(RunType::wireName).toList();
    private static final int MAX_LISTED = 200;

    private final Orchestrator orchestrator;

    GridRoutes(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    void register(Javalin app) {
        app.get("/ui/api/dags/{dag_id}/grid", this::grid, Role.VIEWER);
    }

    private void grid(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        int limit = limit(ctx.queryParam("limit"));
        String which = ctx.queryParam("instances") == null ? "all" : ctx.queryParam("instances");
        List<String> listed = ctx.queryParams("run_id");
        if (!List.of("all", "none", "listed").contains(which) || listed.size() > MAX_LISTED) {
            throw ApiProblem.badRequest("'instances' is all, none or listed (with at most " + MAX_LISTED
                    + " 'run_id' values), got " + ApiProblem.quote(which) + " with " + listed.size() + " run ids");
        }
        Grid grid = orchestrator.reads().grid(dagId, limit, filter(ctx), runs -> switch (which) {
            case "all" -> runs;
            case "listed" -> runs.stream().filter(run -> listed.contains(run.dagRunId())).toList();
            default -> List.of();
        }).orElseThrow(() -> ApiProblem.notFound("DAG " + ApiProblem.quote(dagId) + " not found"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_runs", grid.totalRuns());
        body.put("dag_runs", grid.runs());
        body.putAll(cells(grid.cells()));
        ctx.json(body);
    }

    /** @return {@code task_ids} and {@code instances}: per run, {@link RunCells} aligned with the task ids */
    private static Map<String, Object> cells(List<Cell> cells) {
        List<String> taskIds = cells.stream().map(Cell::taskId).distinct().sorted().toList();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < taskIds.size(); i++) {
            column.put(taskIds.get(i), i);
        }
        Map<String, RunCells.Builder> byRun = new LinkedHashMap<>();
        for (Cell cell : cells) {
            byRun.computeIfAbsent(cell.runId(), id -> new RunCells.Builder(taskIds.size())).put(column.get(cell.taskId()), cell);
        }
        Map<String, RunCells> instances = new LinkedHashMap<>();
        byRun.forEach((runId, builder) -> instances.put(runId, builder.build()));
        return Map.of("task_ids", taskIds, "instances", instances);
    }

    /** @return the runs the grid's filters let through; a 400 naming the first bad value */
    private static GridFilter filter(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        return new GridFilter(checked("state", q.list("state"), RUN_STATES), checked("run_type", q.list("run_type"), RUN_TYPES),
                new Range<>(q.instant("logical_date_gte"), q.instant("logical_date_lte")));
    }

    private static List<String> checked(String name, List<String> values, List<String> allowed) {
        values.stream().filter(v -> !allowed.contains(v)).findFirst().ifPresent(v -> {
            throw ApiProblem.badRequest("'" + name + "' must be one of " + String.join(", ", allowed) + ", got " + ApiProblem.quote(v));
        });
        return values;
    }

    private static int limit(String value) {
        try {
            int limit = value == null ? 25 : Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_RUNS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw ApiProblem.badRequest("'limit' must be a whole number from 1 to " + MAX_RUNS + ", got " + ApiProblem.quote(value));
    }
}
