package org.orchestrator.server.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dags list-runs} and {@code dags state}: a DAG's runs, read from the database alone. */
final class DagRunsCommands {

    private DagRunsCommands() {
    }

    @Command(name = "list-runs", mixinStandardHelpOptions = true, description = "List a DAG's runs, newest logical date first.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Option(names = "--state", description = "Only runs in this state: ${COMPLETION-CANDIDATES}") DagRunState state;
        @Option(names = {"-s", "--start-date"}, converter = Dates.class, description = "Only runs with a logical date from this one") Instant from;
        @Option(names = {"-e", "--end-date"}, converter = Dates.class, description = "Only runs with a logical date up to this one") Instant to;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many runs (default ${DEFAULT-VALUE}, up to "
                + Page.MAX_LIMIT + ")") int limit;

        @Override
        public Integer call() {
            RunFilter filter = new RunFilter(List.of(dagId), state == null ? List.of() : List.of(state.wireName()),
                    new Range<>(Optional.ofNullable(from), Optional.ofNullable(to)), Range.any(), Range.any());
            Optional<List<DagRunRow>> runs = CliOperations.read(home, reads -> reads.dag(dagId).map(d ->
                    reads.runs(filter, "-logical_date", new Page(Math.max(1, Math.min(limit, Page.MAX_LIMIT)), 0)).items()));
            if (runs.isEmpty()) {
                System.err.println(StoredRuns.noDag(dagId));
                return 1;
            }
            output.print(StoredRuns.RUN_COLUMNS, runs.get().stream().map(StoredRuns::row).toList());
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true, description = "Print the state of one run of a DAG.")
    static final class State implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", description = "The run: its run id, or its logical date (2026-01-31 or 2026-01-31T02:00:00Z)") String run;

        @Override
        public Integer call() {
            Optional<DagRunRow> found = CliOperations.read(home, reads -> StoredRuns.find(reads, dagId, run));
            if (found.isEmpty()) {
                System.err.println(StoredRuns.noRun(dagId, run));
                return 1;
            }
            System.out.println(found.get().state().wireName());
            return 0;
        }
    }
}
