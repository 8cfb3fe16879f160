package org.orchestrator.dags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;

/**
 * {@code example_mapped_files}: Airflow's dynamic task mapping. The files to process are known
 * only when the run lists them; {@code count_rows} then runs once per file (one task instance per
 * map index, each with its own tries and log) and {@code total_rows} reduces their counts, pulled
 * in map-index order.
 * <pre>
 * land_files ─ list_files ─ count_rows [×files] ─ total_rows
 * </pre>
 */
final class ExampleMappedFiles {

    static final String DAG_ID = "example_mapped_files";
    static final List<String> REGIONS = List.of("emea", "amer", "apac", "latam", "anz");

    private ExampleMappedFiles() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Dynamic task mapping: one task instance per file listed at run time, then a reduce")
                .owner("examples").tags("example")
                .schedule(Schedule.manual())
                .param("files_per_run", REGIONS.size())
                .task("land_files", ExampleMappedFiles::landFiles)
                .task("list_files", ExampleMappedFiles::listFiles, t -> t.upstream("land_files"))
                .task("count_rows", ExampleMappedFiles::countRows,
                        t -> t.expand("file", MapSource.fromXcom("list_files")).partial("header", true).retries(1))
                .task("total_rows", ExampleMappedFiles::totalRows, t -> t.upstream("count_rows"))
                .build();
    }

    /** A stand-in for an upstream system dropping files: one small CSV per region, in a folder of the run's own. */
    static void landFiles(TaskContext ctx) throws IOException {
        // Staging: the data_dir variable (the server's <home>/data), so a run's files live with its home.
        Path folder = Staging.dir(ctx, DAG_ID, ctx.runId().replaceAll("[^A-Za-z0-9_.-]", "_"));
        int files = ((Number) ctx.params().get("files_per_run")).intValue();
        for (String region : REGIONS.subList(0, Math.min(files, REGIONS.size()))) {
            int rows = 1 + Math.floorMod((region + ctx.logicalDate()).hashCode(), 50);
            StringBuilder csv = new StringBuilder("order_id,region\n");
            for (int i = 0; i < rows; i++) {
                csv.append(i).append(',').append(region).append('\n');
            }
            Files.writeString(folder.resolve(region + ".csv"), csv);
        }
        ctx.xcomPush("folder", folder.toString());
    }

    static void listFiles(TaskContext ctx) throws IOException {
        Path folder = Path.of(ctx.xcomPull("land_files", "folder", String.class));
        try (Stream<Path> files = Files.list(folder)) {
            List<String> csvs = files.map(Path::toString).filter(name -> name.endsWith(".csv")).sorted().toList();
            ctx.log().info("{} files to process in {}", csvs.size(), folder);
            ctx.xcomPush(csvs);
        }
    }

    static void countRows(TaskContext ctx) throws IOException {
        Path file = Path.of(ctx.arg("file", String.class));
        long lines = Files.readAllLines(file).size();
        long rows = ctx.arg("header", Boolean.class) ? lines - 1 : lines;
        ctx.log().info("{} has {} rows (map index {})", file.getFileName(), rows, ctx.mapIndex());
        ctx.xcomPush(rows);
    }

    static void totalRows(TaskContext ctx) {
        List<Long> counts = ctx.xcomPullAll("count_rows", Long.class);
        long total = counts.stream().mapToLong(Long::longValue).sum();
        ctx.log().info("{} rows in {} files: {}", total, counts.size(), counts);
        ctx.xcomPush(total);
    }
}
