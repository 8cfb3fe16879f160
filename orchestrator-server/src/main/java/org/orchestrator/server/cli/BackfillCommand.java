package org.orchestrator.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.RunActions;
import org.orchestrator.server.schedule.RunCreator;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dags backfill}: one {@code backfill} run per interval of the range, run by an executor in
 * this process under the DAG's max active runs (or fewer), with a live progress bar and a summary.
 * Intervals that already succeeded are skipped; failed ones run again only with
 * {@code --rerun-failed-tasks}, as in Airflow.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run a DAG for every interval whose logical date is in [--from, --to]; skips intervals that already succeeded.")
final class BackfillCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin HomeOptions home;
    @Parameters(index = "0", description = "DAG id") String dagId;
    @Option(names = "--from", required = true, converter = Dates.class, description = "First logical date, e.g. 2026-01-01") Instant from;
    @Option(names = "--to", required = true, converter = Dates.class, description = "Last logical date, inclusive") Instant to;
    @Option(names = "--dry-run", description = "Print the intervals and what each has now; create nothing") boolean dryRun;
    @Option(names = "--conf", description = "Conf of the runs created, as a JSON object") String conf;
    @Option(names = "--max-active-runs", description = "At most this many of the backfill's runs at once "
            + "(default: the DAG's max active runs); runs are then created as slots free up, each with its audit row")
    Integer maxActiveRuns;
    @Option(names = "--rerun-failed-tasks", description = "Run the failed runs of the range again (their unsuccessful "
            + "tasks cleared); without it they are left failed") boolean rerunFailed;

    @Override
    public Integer call() {
        if (maxActiveRuns != null && maxActiveRuns < 1) {
            throw new ParameterException(spec.commandLine(), "--max-active-runs must be 1 or more, got " + maxActiveRuns);
        }
        RunActions.Backfill how = new RunActions.Backfill(conf == null ? Map.of() : DagsCommand.parseConf(conf, spec), rerunFailed);
        ServerConfig config = home.config().withNodeName("backfill-" + ProcessHandle.current().pid());
        LoadedDag dag = FolderDags.find(config, dagId, spec);
        if (dryRun) {
            return printPlan(dag);
        }
        try (Orchestrator engine = Orchestrator.start(config, Orchestrator.Options.EXECUTOR_ONLY)) {
            List<DagRunRow> runs = maxActiveRuns == null
                    ? engine.ops().runs().backfill(Actor.cli(), dag, from, to, how)
                    : inWaves(engine, dag, how);
            long skipped = runs.stream().filter(r -> r.state() == DagRunState.SUCCESS).count();
            long leftFailed = rerunFailed ? 0 : runs.stream().filter(r -> r.state() == DagRunState.FAILED).count();
            System.out.println("Backfilling " + dagId + ": " + runs.size() + " interval(s), " + skipped + " already succeeded"
                    + (leftFailed > 0 ? ", " + leftFailed + " failed before (left failed: --rerun-failed-tasks runs them again)" : "")
                    + ".");
            List<DagRunRow> finished = follow(engine, runs);
            printSummary(finished);
            return finished.stream().allMatch(r -> r.state() == DagRunState.SUCCESS) ? 0 : 1;
        }
    }

    /** @return 0, after printing each interval of the range and the run it has, if any */
    private int printPlan(LoadedDag dag) {
        List<DataInterval> intervals = RunCreator.intervals(dag, from, to);
        RunFilter inRange = new RunFilter(List.of(dagId), List.of(), new Range<>(Optional.of(from), Optional.of(to)),
                Range.any(), Range.any());
        Map<Instant, DagRunRow> existing = CliOperations.read(home, reads -> reads.runs(inRange, null,
                        new Page(intervals.size() + 1, 0)).items()).stream()
                .collect(Collectors.toMap(DagRunRow::logicalDate, r -> r, (a, b) -> a));
        System.out.println("Dry run: " + intervals.size() + " interval(s) of " + dagId + "; nothing is created.");
        System.out.printf("%-26s %-26s %s%n", "logical_date", "data_interval_end", "now");
        for (DataInterval interval : intervals) {
            DagRunRow run = existing.get(interval.start());
            String now = run == null ? "would run" : run.state() == DagRunState.FAILED
                    ? "failed" + (rerunFailed ? ": would run again" : ": left failed") : run.state().wireName() + ": kept";
            System.out.printf("%-26s %-26s %s%n", interval.start(), interval.end(), now);
        }
        return 0;
    }

    /** Creates the range's runs one at a time as fewer than {@code --max-active-runs} of them are unfinished. */
    private List<DagRunRow> inWaves(Orchestrator engine, LoadedDag dag, RunActions.Backfill how) {
        List<DagRunRow> created = new ArrayList<>();
        for (DataInterval interval : RunCreator.intervals(dag, from, to)) {
            while (unfinished(engine, created) >= maxActiveRuns) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            created.addAll(engine.ops().runs().backfill(Actor.cli(), dag, interval.start(), interval.start(), how));
        }
        return created;
    }

    private static long unfinished(Orchestrator engine, List<DagRunRow> runs) {
        return now(engine, runs).stream().filter(r -> !r.state().isFinished()).count();
    }

    /** @return the runs as the database has them now */
    private static List<DagRunRow> now(Orchestrator engine, List<DagRunRow> runs) {
        return runs.stream().map(r -> engine.reads().run(r.dagId(), r.runId()).orElseThrow()).toList();
    }

    private static List<DagRunRow> follow(Orchestrator engine, List<DagRunRow> runs) {
        while (true) {
            List<DagRunRow> now = now(engine, runs);
            Map<DagRunState, Long> counts = now.stream().collect(Collectors.groupingBy(DagRunRow::state, Collectors.counting()));
            long done = counts.getOrDefault(DagRunState.SUCCESS, 0L) + counts.getOrDefault(DagRunState.FAILED, 0L);
            System.out.print("\r" + bar(done, now.size()) + " " + done + "/" + now.size() + " done · "
                    + counts.getOrDefault(DagRunState.SUCCESS, 0L) + " success · " + counts.getOrDefault(DagRunState.FAILED, 0L)
                    + " failed · " + counts.getOrDefault(DagRunState.RUNNING, 0L) + " running   ");
            if (done == now.size()) {
                System.out.println();
                return now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private static String bar(long done, int total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static void printSummary(List<DagRunRow> runs) {
        System.out.printf("%-26s %-40s %-8s %s%n", "logical_date", "run_id", "state", "duration");
        for (DagRunRow run : runs) {
            String duration = run.startDate() == null || run.endDate() == null ? "-"
                    : Duration.between(run.startDate(), run.endDate()).toMillis() + " ms";
            System.out.printf("%-26s %-40s %-8s %s%n", run.logicalDate(), run.runId(), run.state().wireName(), duration);
        }
    }
}
