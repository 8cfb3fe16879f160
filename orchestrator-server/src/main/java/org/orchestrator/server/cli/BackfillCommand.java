package org.orchestrator.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dags backfill}: one {@code backfill} run per interval of the range, run by an executor in
 * this process under the DAG's max active runs, with a live progress bar and a summary. Intervals
 * that already succeeded are skipped; failed ones are run again.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run a DAG for every interval whose logical date is in [--from, --to]; skips intervals that already succeeded.")
final class BackfillCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin HomeOptions home;
    @Parameters(index = "0", description = "DAG id") String dagId;
    @Option(names = "--from", required = true, converter = Dates.class, description = "First logical date, e.g. 2026-01-01") Instant from;
    @Option(names = "--to", required = true, converter = Dates.class, description = "Last logical date, inclusive") Instant to;

    @Override
    public Integer call() {
        ServerConfig config = home.config().withNodeName("backfill-" + ProcessHandle.current().pid());
        LoadedDag dag = FolderDags.find(config, dagId, spec);
        try (Orchestrator engine = Orchestrator.start(config, Orchestrator.Options.EXECUTOR_ONLY)) {
            List<DagRunRow> runs = engine.ops().runs().backfill(Actor.cli(), dag, from, to);
            long skipped = runs.stream().filter(r -> r.state() == DagRunState.SUCCESS).count();
            System.out.println("Backfilling " + dagId + ": " + runs.size() + " interval(s), " + skipped + " already succeeded.");
            List<DagRunRow> finished = follow(engine, runs);
            printSummary(finished);
            return finished.stream().allMatch(r -> r.state() == DagRunState.SUCCESS) ? 0 : 1;
        }
    }

    private static List<DagRunRow> follow(Orchestrator engine, List<DagRunRow> runs) {
        while (true) {
            List<DagRunRow> now = engine.database().transactions().withHandle(h -> runs.stream()
                    .map(r -> new DagRuns().find(h, r.id()).orElseThrow()).toList());
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
