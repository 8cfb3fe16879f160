package org.orchestrator.server;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.server.dagbag.LoadedDag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.cluster.NodeRegistry;
import org.orchestrator.server.cluster.NodeRoles;
import org.orchestrator.server.cluster.ReleaseLostStops;
import org.orchestrator.server.cluster.ZombieReaper;
import org.orchestrator.server.config.HomeDefaults;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.connect.SecretKeys;
import org.orchestrator.server.connect.SecretMasker;
import org.orchestrator.server.connect.ServerResources;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.DagFolderScanner;
import org.orchestrator.server.dagbag.DagFolderWatcher;
import org.orchestrator.server.dagbag.DagRegistry;
import org.orchestrator.server.dagbag.VersionReleaser;
import org.orchestrator.server.dagbag.VersionRestorer;
import org.orchestrator.server.execute.CrashLimit;
import org.orchestrator.server.execute.Executor;
import org.orchestrator.server.execute.LegacyTryLogs;
import org.orchestrator.server.execute.Links;
import org.orchestrator.server.execute.RetryTimers;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.execute.TryLogs;
import org.orchestrator.server.internal.BackgroundLoop;
import org.orchestrator.server.ops.Loops;
import org.orchestrator.server.ops.Operations;
import org.orchestrator.server.schedule.AssetTriggers;
import org.orchestrator.server.schedule.DagScheduling;
import org.orchestrator.server.schedule.QuartzTimers;
import org.orchestrator.server.schedule.RunCreator;
import org.orchestrator.server.schedule.RunStarter;
import org.orchestrator.server.schedule.TaskRunTriggers;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.StateException;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.sweep.FlagSlaMisses;
import org.orchestrator.server.sweep.ReconcileRuns;
import org.orchestrator.server.sweep.RequeueDueRetries;
import org.orchestrator.server.sweep.Sweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process's engine, wired: database, DAG folder, Quartz timers, executor and the
 * sweep. The CLI and the HTTP layer drive it through this class.
 */
public final class Orchestrator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    /** How long a retired DAG version must be unused by runs before it is released (see VersionReleaser). */
    private static final Duration VERSION_GRACE = Duration.ofSeconds(2);
    /** How often {@link #awaitRun} looks at the run: well under a task hop's worth of latency budget. */
    private static final Duration AWAIT_POLL = Duration.ofMillis(20);

    private final ServerConfig config;
    private final Clock clock;
    private final Database database;
    private final DagBag bag = new DagBag();
    private final DagFolderScanner scanner;
    private final DagRegistry registry;
    private final NodeRegistry node;
    private final Executor executor;
    private final QuartzTimers timers;
    private final DagScheduling scheduling;
    private final RunCreator creator;
    private final RunStarter starter;
    private final Sweeper sweeper;
    private final BackgroundLoop assetTriggers;
    private final BackgroundLoop queuedRuns;
    private final TryLogs logs;
    private final ServerResources resources;
    private final Links links;
    private final Reads reads;
    private final Operations ops;
    private volatile Instant lastScheduleRefresh = Instant.EPOCH;
    private volatile DagFolderWatcher watcher;
    private boolean synced;

    /**
     * What this process runs.
     *
     * @param roles  its roles: scheduler (Quartz timers and the repair sweep), worker (runs tries), webserver
     * @param sweeps whether it runs the repair sweep's chores (schedulers do; so does a backfill)
     */
    public record Options(NodeRoles roles, boolean sweeps) {
        /** Everything: the standalone and server modes. */
        public static final Options ALL = new Options(NodeRoles.SERVER, true);
        /** Runs tries and its own repair sweep, without Quartz: {@code dags backfill}. */
        public static final Options EXECUTOR_ONLY = new Options(new NodeRoles(false, true, false), true);

        /** @param roles a cluster node's roles @return what such a node runs */
        public static Options of(NodeRoles roles) {
            return new Options(roles, roles.scheduler());
        }
    }

    private Orchestrator(ServerConfig config, Options options, Clock clock, DataSource dataSource) {
        this.config = config;
        this.clock = clock;
        this.database = dataSource == null ? Database.open(config) : Database.open(dataSource);
        Transactions db = database.transactions();
        this.reads = database.reads();
        Map<String, String> env = System.getenv();
        SecretCipher cipher = SecretKeys.load(config.home(), env);
        this.resources = new ServerResources(env, reads, cipher, new SecretMasker());
        this.links = new Links(env.get("ORCHESTRATOR_BASE_URL"));
        this.logs = new TryLogs(config.logsFolder(), resources.masker());
        this.node = new NodeRegistry(db, clock, config.nodeName());
        node.register(options.roles().toString());
        this.scanner = new DagFolderScanner(config.dagsFolder(), bag, config.dagLoadTimeout());
        this.registry = new DagRegistry(db, clock, config.pausedAtCreation());
        RunProgress progress = new RunProgress(new TaskInstances(), new DagRuns(), new CallbackRequests());
        RequeueDueRetries retries = new RequeueDueRetries(db, clock, this::wakeExecutor);
        // Clustered on PostgreSQL, where several nodes may share the job store; the instance id is
        // the stable node name, so a restarted node recovers the triggers it was firing at once.
        this.timers = options.roles().scheduler() ? new QuartzTimers(database.dataSource(), database.isPostgres(),
                database.isPostgres(), config.nodeName(), this::onDagDue, id -> retries.requeue(List.of(id))) : null;
        RetryTimers retryTimers = timers != null ? timers : (id, tryNumber, at) -> { };
        this.executor = new Executor(new Executor.Settings(db, bag, logs, retryTimers, clock, node.nodeId(),
                options.roles().worker() ? config.parallelism() : 0, this::wakeQueuedRuns,
                HomeDefaults.over(resources, config.home()), links, config.heartbeatInterval(), CrashLimit.fromEnvironment(env)),
                progress);
        this.starter = new RunStarter(db, bag, new VersionRestorer(db, bag, scanner), progress, clock, executor::wakeup);
        // A run that started as it was created only needs its first tasks claimed; one left queued
        // waits for the sweeper, which starts queued runs.
        this.creator = new RunCreator(db, clock, starter, queued -> {
            if (queued) {
                wakeQueuedRuns();
            } else {
                wakeExecutor();
            }
        });
        executor.runTriggers(new TaskRunTriggers(bag, creator, reads));
        this.scheduling = timers != null ? new DagScheduling(db, bag, timers, creator, clock) : null;
        this.sweeper = new Sweeper(chores(db, progress, retries, options.sweeps()), config.sweepInterval());
        // Woken by each commit that records asset events; its idle passes catch what a crash left queued.
        this.assetTriggers = new BackgroundLoop("asset-triggers", config.sweepInterval(), new AssetTriggers(db, bag, creator));
        executor.onAssetEvents(assetTriggers::wakeup);
        // A finished run frees a max-active-runs slot: the next queued run starts now, not at the
        // next sweep (a whole sweep re-reads every running run; this reads the queued ones).
        this.queuedRuns = new BackgroundLoop("queued-runs", config.sweepInterval(), starter::startQueued);
        this.ops = new Operations(database, clock, creator, new EngineLoops(), () -> cipher, config.confUnknownKeys());
    }

    /**
     * Starts an engine: migrates the database, loads the DAGs, sets their triggers, runs a first
     * sweep (which turns tries left running by a crash into retries) and starts the loops.
     *
     * @param config  configuration
     * @param options what to run
     * @return the running engine
     */
    public static Orchestrator start(ServerConfig config, Options options) {
        return start(config, options, List.of());
    }

    /**
     * Starts an engine with DAGs defined in code besides those of the dags folder.
     *
     * @param config  configuration
     * @param options what to run
     * @param pinned  DAGs defined in code (benchmarks, tests)
     * @return the running engine
     */
    public static Orchestrator start(ServerConfig config, Options options, Collection<Dag> pinned) {
        return start(config, options, pinned, Clock.systemUTC());
    }

    /**
     * Starts an engine that reads business time (run dates, retry due times, SLA deadlines,
     * heartbeats, audit times) from the given clock. Quartz still fires its triggers on real
     * time, and timeouts and backoffs wait real time.
     *
     * @param config  configuration
     * @param options what to run
     * @param clock   the engine's clock; tests pass a settable one
     * @return the running engine
     */
    public static Orchestrator start(ServerConfig config, Options options, Clock clock) {
        return start(config, options, List.of(), clock);
    }

    /**
     * Starts an engine with DAGs defined in code and a clock of the caller's choice.
     *
     * @param config  configuration
     * @param options what to run
     * @param pinned  DAGs defined in code (benchmarks, tests)
     * @param clock   the engine's clock
     * @return the running engine
     */
    public static Orchestrator start(ServerConfig config, Options options, Collection<Dag> pinned, Clock clock) {
        return start(config, options, pinned, clock, null);
    }

    /**
     * {@return a builder for an engine embedded in a host application}: a {@code DataSource}, a
     * {@code Clock}, settings and DAGs defined in code, no environment variables needed.
     */
    public static OrchestratorBuilder builder() {
        return new OrchestratorBuilder();
    }

    static Orchestrator start(ServerConfig config, Options options, Collection<Dag> pinned, Clock clock, DataSource dataSource) {
        Orchestrator orchestrator = new Orchestrator(config, options, clock, dataSource);
        orchestrator.node.startHeartbeats(config.heartbeatInterval());
        orchestrator.bag.pin(pinned.stream().map(Orchestrator::codeDag).toList());
        orchestrator.scanDags();
        new VersionRestorer(orchestrator.database().transactions(), orchestrator.bag, orchestrator.scanner).restore();
        orchestrator.watcher = new DagFolderWatcher(config.dagsFolder(), config.dagsScanInterval(),
                orchestrator.scanner::warmUp, orchestrator::scanDags);
        if (orchestrator.timers != null) {
            orchestrator.timers.start();
        }
        new LegacyTryLogs(orchestrator.database().transactions(), config.logsFolder()).adopt();
        orchestrator.sweeper.runOnce();
        orchestrator.sweeper.start();
        if (options.sweeps()) {
            orchestrator.assetTriggers.start();
            orchestrator.queuedRuns.start();
        }
        LOG.info("engine started as node {} with home {} ({} ms after JVM start)", orchestrator.node.nodeId(), config.home(),
                ManagementFactory.getRuntimeMXBean().getUptime());
        return orchestrator;
    }

    private Map<String, Runnable> chores(Transactions db, RunProgress progress, RequeueDueRetries retries, boolean sweeps) {
        Map<String, Runnable> chores = new LinkedHashMap<>();
        chores.put("release-dag-versions", new VersionReleaser(db, bag, clock, VERSION_GRACE));
        if (!sweeps) {
            return chores;
        }
        chores.put("refresh-schedules", this::refreshSchedulesWhenDue);
        chores.put("start-queued-runs", starter::startQueued);
        chores.put("requeue-due-retries", retries);
        chores.put("reap-zombies", new ZombieReaper(db, clock, config.nodeTimeout(), bag, executor, node));
        chores.put("release-lost-stops", new ReleaseLostStops(db, clock, config.nodeTimeout(), node, this::wakeExecutor));
        chores.put("reconcile-runs", new ReconcileRuns(db, bag, progress, clock, this::wakeExecutor,
                executor::checkRunningTries));
        chores.put("flag-sla-misses", new FlagSlaMisses(db, bag, clock, executor::wakeup));
        return chores;
    }

    /** Rescans the dags folder now and applies what changed (the folder watcher calls this on every change). */
    public synchronized void scanDags() {
        if (scanner.scan() || !synced) {
            publishDags();
        }
    }

    /**
     * Adds DAGs defined in code (benchmarks, tests) as if a bundle had defined them.
     *
     * @param dags the DAGs
     */
    public synchronized void pin(Collection<Dag> dags) {
        bag.pin(dags.stream().map(Orchestrator::codeDag).toList());
        publishDags();
        startQueuedRuns();
    }

    private void publishDags() {
        var changed = registry.sync(bag);
        synced = true;
        if (scheduling != null) {
            // Only DAGs with a new version: a removed DAG's trigger goes when it next fires.
            changed.forEach(scheduling::refresh);
        }
    }

    private static LoadedDag codeDag(Dag dag) {
        return new LoadedDag(dag, Integer.toHexString(dag.structure().hashCode()),
                Path.of("<code>"));
    }

    /** Pauses made by the CLI reach the triggers here; scans happen on the watcher's thread. */
    private void refreshSchedulesWhenDue() {
        if (scheduling != null && !clock.instant().isBefore(lastScheduleRefresh.plus(config.dagsScanInterval()))) {
            lastScheduleRefresh = clock.instant();
            scheduling.refreshAll();
        }
    }

    private void onDagDue(String dagId) {
        scheduling.onDue(dagId);
    }

    private void startQueuedRuns() {
        starter.startQueued();
    }

    private void wakeExecutor() {
        executor.wakeup();
    }

    /** Only nodes that sweep start queued runs; the loop of any other node is never started. */
    private void wakeQueuedRuns() {
        queuedRuns.wakeup();
    }

    private void wakeSweeper() {
        sweeper.wakeup();
    }

    /** What operator actions wake in this engine, after their commit. */
    private final class EngineLoops implements Loops {
        @Override
        public void tasksChanged(Change change) {
            wakeSweeper();
            // A try whose instance the action took away stops now, not at the next heartbeat.
            executor.checkRunningTries();
        }

        /**
         * The flag is committed before the trigger moves; if moving it fails, the flag still rules
         * (a due trigger of a paused DAG creates nothing), so the failure is logged, not thrown.
         */
        @Override
        public void assetEventRecorded() {
            assetTriggers.wakeup();
        }

        @Override
        public void pauseChanged(String dagId) {
            if (scheduling == null) {
                return;
            }
            try {
                bag.get(dagId).ifPresent(scheduling::refresh);
            } catch (StateException e) {
                LOG.warn("dag '{}' was paused or unpaused but its schedule trigger could not be updated", dagId, e);
            }
        }
    }

    /** @return every operator action (trigger, clear, mark, pause, admin changes), audited */
    public Operations ops() { return ops; }

    /** @return the configuration */
    public ServerConfig config() { return config; }

    /** @return the read side: lists and lookups for the API and the dashboard */
    public Reads reads() { return reads; }

    /** @return the database, with its vendor */
    public Database database() { return database; }

    /** @return the loaded DAGs */
    public DagBag dags() { return bag; }

    /** @return creates runs (trigger, backfill) */
    public RunCreator runs() { return creator; }

    /** @return connections and variables, env first then the database, and the masker of their secrets */
    public ServerResources resources() { return resources; }

    /** @return links into the dashboard */
    public Links links() { return links; }

    /** @return the try log files */
    public TryLogs logs() { return logs; }

    /** @return this node's id */
    public String nodeId() { return node.nodeId(); }

    /** @return this node's membership and its link to the database, for health reporting */
    public NodeRegistry node() { return node; }

    /** @return the sweep, for health reporting */
    public Sweeper sweeper() { return sweeper; }

    /** @return the executor, for health reporting */
    public Executor executor() { return executor; }

    /** @return the time source */
    public Clock clock() { return clock; }

    /**
     * Stops: no new claims, running tries get {@code grace} to finish and those still running
     * then are handed back to the cluster, the node deregisters, everything closes. The node keeps
     * heartbeating during the grace period, so no other node takes its tries for zombies.
     *
     * @param grace how long running tries may take
     */
    public void shutdown(Duration grace) {
        if (watcher != null) {
            watcher.close();
        }
        sweeper.close();
        assetTriggers.close();
        queuedRuns.close();
        if (timers != null) {
            timers.close();
        }
        executor.shutdown(grace);
        try {
            node.deregister();
            LOG.info("node {} left the cluster", node.nodeId());
        } catch (RuntimeException e) {
            node.close();
            LOG.warn("could not deregister node {}: {}", node.nodeId(), e.getMessage());
        }
        database.close();
    }

    /**
     * Waits for a run to finish, polling the database (the run may be executed by any node).
     *
     * @param dagId   the run's DAG
     * @param runId   the run id (unique within its DAG, as in Airflow)
     * @param timeout how long to wait
     * @return the finished run
     * @throws IllegalArgumentException when the DAG has no such run
     * @throws TimeoutException         when it has not finished in time; the message says its state
     * @throws InterruptedException     when the waiting thread is interrupted
     */
    public DagRunRow awaitRun(String dagId, String runId, Duration timeout) throws TimeoutException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DagRunRow run = reads.run(dagId, runId)
                    .orElseThrow(() -> new IllegalArgumentException("dag '" + dagId + "' has no run '" + runId + "'"));
            if (run.state().isFinished()) {
                return run;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new TimeoutException("run '" + runId + "' of dag '" + dagId + "' is still " + run.state().wireName()
                        + " after " + timeout);
            }
            Thread.sleep(AWAIT_POLL.toMillis());
        }
    }

    /** Stops with the configured grace period ({@link ServerConfig#shutdownGrace()}, {@code ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS}). */
    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }
}
