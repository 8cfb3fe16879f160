package org.orchestrator.dags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;

/**
 * {@code example_grouped_files}: typed params and a task group, as an Airflow user writes them
 * with {@code Param} and {@code TaskGroup}. The files to process are listed at run time; the
 * {@code per_file} group measures and checks them (with its own retries), and a reduce adds up
 * what passed. A trigger whose conf breaks the params (a negative {@code min_rows}, an unknown
 * {@code region}) is refused before any run exists.
 * <pre>
 *              ┌ per_file ──────────────────────────┐
 * list_files ──┤ per_file.count_rows → per_file.check ├── summarise
 *              └─────────────────────────────────────┘
 * </pre>
 */
final class ExampleGroupedFiles {

    static final String DAG_ID = "example_grouped_files";

    private ExampleGroupedFiles() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Files listed at run time, measured and checked in a task group, then summed up; typed params")
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
                        .task("count_rows", ExampleGroupedFiles::countRows)
                        .task("check", ExampleGroupedFiles::check)
                        .chain("count_rows", "check"))
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

    /** A stand-in for reading each file: a row count derived from its name and the logical date. */
    static void countRows(TaskContext ctx) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String file : files(ctx)) {
            rows.put(file, Math.floorMod((file + ctx.logicalDate()).hashCode(), 100));
        }
        ctx.xcomPush("rows", rows);
    }

    static void check(TaskContext ctx) {
        int minRows = ctx.param("min_rows", Integer.class);
        Map<?, ?> rows = ctx.xcomPull("per_file.count_rows", "rows", Map.class);
        Map<String, Integer> kept = new LinkedHashMap<>();
        rows.forEach((file, count) -> {
            if (((Number) count).intValue() >= minRows) {
                kept.put(String.valueOf(file), ((Number) count).intValue());
            } else {
                ctx.log().info("{} has {} rows, fewer than {}: left out", file, count, minRows);
            }
        });
        ctx.xcomPush("kept", kept);
    }

    static void summarise(TaskContext ctx) {
        Map<?, ?> kept = ctx.xcomPull("per_file.check", "kept", Map.class);
        int total = kept.values().stream().mapToInt(n -> ((Number) n).intValue()).sum();
        ctx.log().info("{} rows in {} files", total, kept.size());
        ctx.xcomPush("total_rows", total);
    }

    @SuppressWarnings("unchecked")
    private static List<String> files(TaskContext ctx) {
        return ctx.xcomPull("list_files", TaskContext.RETURN_VALUE, List.class);
    }
}
