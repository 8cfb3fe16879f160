package org.orchestrator.dags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.Param;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;

/**
 * {@code example_grouped_files}: what an Airflow user writes with {@code Param}, {@code TaskGroup}
 * and {@code expand}. Typed params choose the region, the files and a minimum size; the files are
 * listed at run time; inside the {@code per_file} group (its own retries) {@code count_rows} runs
 * once per file (dynamic task mapping) and {@code check} once per counted file (mapped over mapped);
 * {@code summarise} reduces what passed, in map-index order. A trigger whose conf breaks the
 * params (a negative {@code min_rows}, an unknown {@code region}) is refused before any run exists.
 * <pre>
 *              ┌ per_file ──────────────────────────────────────────┐
 * list_files ──┤ per_file.count_rows [×files] → per_file.check [×files] ├── summarise
 *              └────────────────────────────────────────────────────┘
 * </pre>
 */
final class ExampleGroupedFiles {

    static final String DAG_ID = "example_grouped_files";

    private ExampleGroupedFiles() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Files listed at run time, counted and checked one mapped instance per file in a task group, "
                        + "then summed up; typed params")
                .owner("examples").tags("example")
                .schedule(Schedule.manual())
                .param("region", Param.string().enumOf("emea", "amer", "apac").defaultValue("emea")
                        .description("whose files to process"))
                .param("min_rows", Param.integer().minimum(0).defaultValue(10).description("files with fewer rows are left out"))
                .param("files", Param.array().items(Param.string().pattern("^[a-z0-9_]+\\.csv$")).minItems(1)
                        .defaultValue(List.of("orders_1.csv", "orders_2.csv", "orders_3.csv")).description("the files to list"))
                .task("list_files", ExampleGroupedFiles::listFiles)
                .group("per_file", g -> g
                        .defaults(d -> d.retries(2))
                        .task("count_rows", ExampleGroupedFiles::countRows,
                                t -> t.expand("file", MapSource.fromXcom("list_files")))
                        .task("check", ExampleGroupedFiles::check,
                                t -> t.expand("counted", MapSource.fromXcom("per_file.count_rows"))))
                .task("summarise", ExampleGroupedFiles::summarise)
                .chain("list_files", "per_file", "summarise")
                .build();
    }

    static void listFiles(TaskContext ctx) {
        String region = ctx.param("region", String.class);
        List<String> files = new ArrayList<>();
        for (Object file : ctx.param("files", List.class)) {
            files.add(region + "/" + file);
        }
        ctx.log().info("{} files for {}", files.size(), region);
        ctx.xcomPush(files);
    }

    /** A stand-in for reading one file: a row count derived from its name and the logical date. */
    static void countRows(TaskContext ctx) {
        String file = ctx.arg("file", String.class);
        int rows = Math.floorMod((file + ctx.logicalDate()).hashCode(), 100);
        ctx.log().info("{}: {} rows (map index {})", file, rows, ctx.mapIndex());
        ctx.xcomPush(Map.of("file", file, "rows", rows));
    }

    /** Keeps one counted file when it is big enough; a file left out pushes nothing, so the reduce skips it. */
    static void check(TaskContext ctx) {
        int minRows = ctx.param("min_rows", Integer.class);
        Map<?, ?> counted = ctx.arg("counted", Map.class);
        int rows = ((Number) counted.get("rows")).intValue();
        if (rows >= minRows) {
            ctx.xcomPush("kept", counted);
        } else {
            ctx.log().info("{} has {} rows, fewer than {}: left out", counted.get("file"), rows, minRows);
        }
    }

    static void summarise(TaskContext ctx) {
        List<Map> kept = ctx.xcomPullAll("per_file.check", "kept", Map.class);
        int total = kept.stream().mapToInt(file -> ((Number) file.get("rows")).intValue()).sum();
        ctx.log().info("{} rows in {} files", total, kept.size());
        ctx.xcomPush("total_rows", total);
    }
}
