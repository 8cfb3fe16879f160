package org.orchestrator.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.orchestrator.api.Dag;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.StorageSizes;
import org.orchestrator.server.state.StorageSizes.TableSize;

/**
 * What a finished task instance costs on disk after real runs (issue 18): {@code runs} runs of a
 * DAG of {@code width} independent no-op tasks go through the engine, then the database is
 * weighed with the engine open, after it closed, and after a restart and a second close (the
 * figure must not grow from one restart to the next). On H2 the weight is the file's size; on
 * PostgreSQL the sum of {@code pg_total_relation_size} over the schema's tables, as autovacuum
 * left them (no {@code VACUUM} first), read with the engine open.
 */
final class StorageBenchmarks {

    /** Starts an engine on a home and, on PostgreSQL, on a schema the caller made. */
    @FunctionalInterface
    interface Opener {
        Orchestrator open(Path home, String schema, List<Dag> pinned);
    }

    private final PostgresBench postgres;
    private final Opener opener;
    private final BiFunction<Dag.Builder, Integer, Dag.Builder> limits;

    StorageBenchmarks(PostgresBench postgres, Opener opener, BiFunction<Dag.Builder, Integer, Dag.Builder> limits) {
        this.postgres = postgres;
        this.opener = opener;
        this.limits = limits;
    }

    /**
     * One measurement.
     *
     * @param instances finished task instances in the database
     * @param open      bytes with the engine still open after the runs
     * @param closed    bytes after the engine closed (on PostgreSQL: read by the next engine, right after it started)
     * @param restarted bytes after that engine closed too (on PostgreSQL: read by a third engine)
     * @param vacuumed  on PostgreSQL, bytes after {@code VACUUM FULL} (the live rows); on H2 the restarted figure
     * @param tables    the tables' weights with the engine open, heaviest first
     * @param indexes   the indexes' weights with the engine open, heaviest first (PostgreSQL only)
     * @param closeSeconds how long the first close took (on H2 it compacts the file)
     */
    record Storage(long instances, long open, long closed, long restarted, long vacuumed, List<TableSize> tables,
                   List<StorageSizes.IndexSize> indexes, double closeSeconds) {
        double perInstance(long bytes) {
            return (double) bytes / instances;
        }
    }

    /** @return the database's weight after {@code runs} runs of {@code width} no-op tasks, and after restarts */
    Storage measure(int runs, int width) throws IOException {
        Dag.Builder builder = limits.apply(Dag.builder("bench_storage"), width);
        for (int i = 0; i < width; i++) {
            builder.task("t" + i, ctx -> { });
        }
        List<Dag> pinned = List.of(builder.build());
        Path home = Files.createTempDirectory("orchestrator-bench-storage");
        String schema = postgres == null ? null : postgres.createSchema();
        try {
            Orchestrator engine = opener.open(home, schema, pinned);
            List<TableSize> tables;
            List<StorageSizes.IndexSize> indexes;
            long open;
            long closing;
            try {
                runAll(engine, runs);
                tables = engine.database().transactions().withHandle(new StorageSizes()::tables);
                indexes = engine.database().transactions().withHandle(new StorageSizes()::indexes);
                open = weigh(engine, home);
            } finally {
                closing = System.nanoTime();
                engine.close();
            }
            double closeSeconds = (System.nanoTime() - closing) / 1e9;
            long closed = weighAfterRestart(home, schema, pinned);
            long restarted = weighAfterRestart(home, schema, pinned);
            long vacuumed = postgres == null ? restarted : weighVacuumed(home, schema, pinned);
            long instances = tables.stream().filter(t -> t.table().equals("task_instance")).mapToLong(TableSize::rows).sum();
            return new Storage(instances, open, closed, restarted, vacuumed, tables, indexes, closeSeconds);
        } finally {
            if (schema != null) {
                postgres.dropSchema(schema);
            }
            EngineBenchmarks.Engine.deleteTree(home);
        }
    }

    /** Triggers the runs (in rounds, so none waits long in the queue) and waits for each to succeed. */
    private static void runAll(Orchestrator engine, int runs) {
        Instant logicalDate = Instant.now();
        var dag = engine.dags().get("bench_storage").orElseThrow();
        int round = 50;
        for (int first = 0; first < runs; first += round) {
            List<DagRunRow> triggered = new ArrayList<>();
            for (int i = first; i < Math.min(runs, first + round); i++) {
                triggered.add(engine.runs().trigger(dag, null, logicalDate.plusSeconds(i), Map.of(), null));
            }
            triggered.forEach(run -> EngineBenchmarks.awaitSuccess(engine, run));
        }
    }

    /** On H2 the file after the engine closed again; on PostgreSQL the tables, read by the restarted engine. */
    private long weighAfterRestart(Path home, String schema, List<Dag> pinned) {
        Orchestrator engine = opener.open(home, schema, pinned);
        try {
            if (postgres != null) {
                return weigh(engine, home);
            }
        } finally {
            engine.close();
        }
        return fileSize(home);
    }

    /** PostgreSQL: the tables after {@code VACUUM FULL}, read by a fourth engine. */
    private long weighVacuumed(Path home, String schema, List<Dag> pinned) {
        Orchestrator engine = opener.open(home, schema, pinned);
        try {
            engine.database().transactions().withHandle(h -> {
                new StorageSizes().vacuumFull(h);
                return null;
            });
            return weigh(engine, home);
        } finally {
            engine.close();
        }
    }

    private long weigh(Orchestrator engine, Path home) {
        if (postgres == null) {
            return fileSize(home);
        }
        return engine.database().transactions().withHandle(new StorageSizes()::tables).stream().mapToLong(TableSize::totalBytes).sum();
    }

    private static long fileSize(Path home) {
        try {
            return Files.size(Database.h2File(home));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
