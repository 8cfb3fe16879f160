package org.orchestrator.server.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.ops.ClearScope;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tasks states-for-dag-run}, {@code tasks state} and {@code tasks clear}: task instances in the database. */
final class TaskInstanceCommands {

    private TaskInstanceCommands() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a DAG's tasks as the server last stored its current version.")
    static final class ListTasks implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;
        @Parameters(index = "0", description = "DAG id") String dagId;

        @Override
        public Integer call() {
            Optional<String> structure = CliOperations.read(home, reads -> reads.currentStructure(dagId));
            if (structure.isEmpty()) {
                System.err.println(StoredRuns.noDag(dagId));
                return 1;
            }
            output.print(List.of("task_id", "upstream", "trigger_rule", "retries", "pool", "group"),
                    StoredTasks.parse(structure.get()).stream().map(t -> OutputOptions.row("task_id", t.id(),
                            "upstream", t.upstream(), "trigger_rule", t.triggerRule(), "retries", t.retries(), "pool", t.pool(),
                            "group", t.group())).toList());
            return 0;
        }
    }

    @Command(name = "states-for-dag-run", mixinStandardHelpOptions = true, description = "List the task instances of one run.")
    static final class StatesForDagRun implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", description = "The run: its run id, or its logical date") String run;

        @Override
        public Integer call() {
            Optional<List<TaskInstanceRecord>> instances = CliOperations.read(home, reads -> StoredRuns.find(reads, dagId, run)
                    .map(r -> reads.matchingTaskInstances(TaskInstanceFilter.ofRun(dagId, r.runId()))));
            if (instances.isEmpty()) {
                System.err.println(StoredRuns.noRun(dagId, run));
                return 1;
            }
            output.print(StoredRuns.TASK_COLUMNS, instances.get().stream().map(StoredRuns::row).toList());
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true, description = "Print the state of one task instance.")
    static final class State implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", description = "Task id") String taskId;
        @Parameters(index = "2", description = "The run: its run id, or its logical date") String run;
        @Option(names = "--map-index", defaultValue = "-1", description = "The instance of a mapped task (default: the unmapped task)")
        int mapIndex;

        @Override
        public Integer call() {
            Optional<TaskInstanceRecord> found = CliOperations.read(home, reads -> StoredRuns.find(reads, dagId, run)
                    .flatMap(r -> reads.taskInstance(dagId, r.runId(), taskId, mapIndex)));
            if (found.isEmpty()) {
                System.err.println("No task instance '" + taskId + "'" + (mapIndex < 0 ? "" : " [" + mapIndex + "]")
                        + " in run '" + run + "' of DAG '" + dagId + "' in the database.");
                return 1;
            }
            System.out.println(found.get().ti().state().wireName());
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Clear task instances so they run again, as Airflow's clear: their runs go back to queued.",
                    "Loads the DAG from the dags folder (the graph decides --upstream and --downstream)."})
    static final class Clear implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Option(names = {"-t", "--task"}, description = "A task to clear (repeatable; default: every task)") List<String> tasks = new ArrayList<>();
        @Option(names = "--run-id", description = "Only this run (default: every run in the date range)") String runId;
        @Option(names = {"-s", "--start-date"}, converter = Dates.class, description = "Only runs with a logical date from this one") Instant from;
        @Option(names = {"-e", "--end-date"}, converter = Dates.class, description = "Only runs with a logical date up to this one") Instant to;
        @Option(names = {"-u", "--upstream"}, description = "Also clear the tasks upstream of them") boolean upstream;
        @Option(names = {"-d", "--downstream"}, description = "Also clear the tasks downstream of them") boolean downstream;
        @Option(names = {"-f", "--only-failed"}, description = "Only failed and upstream_failed instances") boolean onlyFailed;
        @Option(names = "--dry-run", description = "Print what would be cleared, clear nothing") boolean dryRun;

        @Override
        public Integer call() {
            LoadedDag dag = FolderDags.find(home.config(), dagId, spec);
            ClearScope scope = new ClearScope(dag.dag(), tasks, upstream, downstream, onlyFailed, runId, false, false,
                    new Range<>(Optional.ofNullable(from), Optional.ofNullable(to)));
            try (CliOperations cli = CliOperations.open(home)) {
                List<TaskInstanceRecord> affected = dryRun ? cli.ops().tasks().preview(scope)
                        : cli.ops().tasks().clear(cli.actor(), scope, true, null, String.join(" ", spec.commandLine().getParseResult().originalArgs()));
                output.print(StoredRuns.TASK_COLUMNS, affected.stream().map(StoredRuns::row).toList());
                System.err.println((dryRun ? "Would clear " : "Cleared ") + affected.size() + " task instance(s).");
            }
            return 0;
        }
    }
}
