package org.orchestrator.server.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.config.HomeDefaults;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.DagFolderScanner;
import org.orchestrator.server.dagbag.DagRegistry;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.DagQueries.DagFilter;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.execute.LocalDagRunner;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.ops.RunActions;
import org.orchestrator.server.schedule.RunIds;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dags list|pause|unpause|trigger|test|backfill|reserialize|list-import-errors|list-runs|state|delete}. */
@Command(name = "dags", mixinStandardHelpOptions = true, description = "Work with DAGs.",
        subcommands = {DagsCommand.ListDags.class, DagsCommand.Pause.class, DagsCommand.Unpause.class,
                DagsCommand.Trigger.class, DagsCommand.Test.class, BackfillCommand.class,
                DagsCommand.Reserialize.class, DagsCommand.ListImportErrors.class, DagRunsCommands.ListRuns.class,
                DagRunsCommands.State.class, DagsCommand.Delete.class})
final class DagsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the DAGs the database knows (as the server last loaded them; see 'dags reserialize').")
    static final class ListDags implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;

        @Override
        public Integer call() {
            StoredDags stored = CliOperations.read(home, StoredDags::read);
            output.print(List.of("dag_id", "schedule", "owners", "paused", "fileloc"), stored.dags().stream()
                    .map(d -> OutputOptions.row("dag_id", d.dagId(), "schedule", d.schedule(), "owners", d.owners(),
                            "paused", d.paused(), "fileloc", d.fileloc())).toList());
            if (stored.importErrors() > 0) {
                System.err.println(stored.importErrors() + " bundle(s) failed to load: see 'dags list-import-errors'.");
            }
            return stored.importErrors() == 0 ? 0 : 1;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a DAG: it gets no scheduled runs.")
    static final class Pause implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;

        @Override
        public Integer call() {
            return setPaused(home, dagId, true);
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Unpause a DAG; with catchup it catches up.")
    static final class Unpause implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;

        @Override
        public Integer call() {
            return setPaused(home, dagId, false);
        }
    }

    /** A running server's sweep moves the DAG's schedule trigger at its next schedule refresh. */
    private static int setPaused(HomeOptions home, String dagId, boolean paused) {
        return CliOperations.run(home, (ops, actor) -> ops.dags().pause(actor, dagId, paused),
                "DAG '" + dagId + "' is now " + (paused ? "paused" : "unpaused") + ".",
                "No DAG '" + dagId + "' is known to the database (has the server loaded it?).");
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a DAG that left the dags folder, with its runs, task instances and versions (the audit log stays).")
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Option(names = {"-y", "--yes"}, description = "Do not ask; required when no terminal can answer") boolean yes;

        @Override
        public Integer call() {
            if (!yes && !Confirm.ask("This deletes every run and version of DAG '" + dagId + "'.")) {
                System.err.println("Not deleted: confirm with --yes.");
                return 2;
            }
            try (CliOperations cli = CliOperations.open(home)) {
                int runs = cli.ops().dags().delete(cli.actor(), dagId);
                System.out.println("Deleted DAG '" + dagId + "' and its " + runs + " run(s).");
                return 0;
            } catch (org.orchestrator.server.ops.OperationException e) {
                System.err.println("Not deleted: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Queue a manual run; a running server picks it up within a second.")
    static final class Trigger implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Option(names = "--conf", description = "Run conf as a JSON object, e.g. '{\"day\": \"2026-01-01\"}'") String conf;
        @Option(names = "--run-id", description = "Run id (default manual__<logical date>)") String runId;
        @Option(names = "--logical-date", converter = Dates.class, description = "Logical date (default now)") Instant logicalDate;

        @Override
        public Integer call() {
            if (runId != null) {
                try {
                    RunIds.check(runId);
                } catch (RunIds.InvalidRunIdException e) {
                    throw new ParameterException(spec.commandLine(), "--run-id: " + e.getMessage());
                }
            }
            RunActions.Trigger request = new RunActions.Trigger(runId, logicalDate, parseConf(conf, spec), null);
            try (CliOperations cli = CliOperations.open(home)) {
                // The stored DAG suffices unless its typed params must check the conf: only then is the folder loaded.
                DagRunRow run = cli.ops().runs().triggerStored(cli.actor(), dagId, request).orElseGet(() ->
                        cli.ops().runs().trigger(cli.actor(), FolderDags.find(home.config(), dagId, spec), request));
                System.out.println("Queued run " + run.runId() + " of " + dagId + " (logical date " + run.logicalDate() + ").");
            }
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run a DAG in this process for one logical date; writes nothing to the database "
                    + "and sends no alerts (callbacks are printed, not run, unless --notify).")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", arity = "0..1", converter = Dates.class, description = "Logical date (default now)") Instant date;
        @Option(names = "--conf", description = "Run conf as a JSON object") String conf;
        @Option(names = "--notify", description = "Run the DAG's callbacks (send its alerts); by default they are only printed")
        boolean notify;

        @Override
        public Integer call() {
            LoadedDag dag = FolderDags.find(home.config(), dagId, spec);
            Instant logical = date == null ? Instant.now() : date;
            try (CliResources resources = CliResources.open(home)) {
                LocalDagRunner.Result result = new LocalDagRunner(System.out, HomeDefaults.over(resources.resources(), home.config().home()),
                        resources.resources().masker()).runCallbacks(notify)
                        .runDag(dag.dag(), logical, parseConf(conf, spec));
                return result.runState() == DagRunState.SUCCESS ? 0 : 1;
            }
        }
    }

    @Command(name = "reserialize", mixinStandardHelpOptions = true,
            description = "Load the dags folder now and write its DAGs, versions and import errors to the database.")
    static final class Reserialize implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            ServerConfig config = home.config();
            DagBag bag = FolderDags.load(config);
            try (Database database = Database.open(config)) {
                new DagRegistry(database.transactions(), Clock.systemUTC(), config.pausedAtCreation()).sync(bag);
            }
            System.out.println("Stored " + bag.all().size() + " DAG(s) and " + bag.importErrors().size() + " import error(s).");
            return 0;
        }
    }

    @Command(name = "list-import-errors", mixinStandardHelpOptions = true,
            description = "Load the dags folder and print each bundle that fails to load, with why.")
    static final class ListImportErrors implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            DagBag bag = new DagBag();
            new DagFolderScanner(home.config().dagsFolder(), bag, home.config().dagLoadTimeout()).scan();
            bag.importErrors().forEach((file, error) -> System.out.println(file + System.lineSeparator() + "  " + error.replace("\n", "\n  ")));
            System.out.println(bag.importErrors().size() + " import error(s).");
            return bag.importErrors().isEmpty() ? 0 : 1;
        }
    }

    /** The active DAGs as stored, and how many bundles failed to load at the last scan. */
    record StoredDags(List<Dags.DagRow> dags, long importErrors) {
        static StoredDags read(Reads reads) {
            List<Dags.DagRow> all = new java.util.ArrayList<>();
            long total;
            do {
                var page = reads.dags(new DagFilter(null, List.of(), null, true), "dag_id", new Page(Page.MAX_LIMIT, all.size()));
                all.addAll(page.items());
                total = page.totalEntries();
            } while (all.size() < total);
            return new StoredDags(all, reads.importErrors(null, new Page(1, 0)).totalEntries());
        }
    }

    static Map<String, Object> parseConf(String conf, CommandSpec spec) {
        try {
            return Json.objectOf(conf);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--conf: " + e.getMessage());
        }
    }
}
