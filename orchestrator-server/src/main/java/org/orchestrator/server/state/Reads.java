package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.orchestrator.server.state.DagQueries.DagFilter;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.DagVersionQueries.VersionUse;
import org.orchestrator.server.state.Dags.DagRow;
import org.orchestrator.server.state.Dags.VersionRow;
import org.orchestrator.server.state.EventLogQueries.EventFilter;
import org.orchestrator.server.state.EventLogQueries.EventRecord;
import org.orchestrator.server.state.GridQueries.Grid;
import org.orchestrator.server.state.GridQueries.GridRun;
import org.orchestrator.server.state.GridQueries.TrySpan;
import org.orchestrator.server.state.ImportErrors.ImportErrorRow;
import org.orchestrator.server.state.Nodes.NodeRow;
import org.orchestrator.server.state.PoolQueries.PoolRecord;
import org.orchestrator.server.state.RecentRuns.RunDot;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.XComQueries.XComRecord;

/**
 * The read side for the API and the dashboard: each method one short read on a handle of its
 * own. Adapters call this instead of holding Jdbi; a read that must share a write's transaction
 * uses the {@code *Queries} classes' handle methods from the operation that owns it.
 */
public final class Reads {

    private final Transactions db;
    private final DagQueries dags = new DagQueries();
    private final DagRunQueries runs = new DagRunQueries();
    private final TaskInstanceQueries taskInstances;
    private final TaskTries tries = new TaskTries();
    private final RenderedFields rendered = new RenderedFields();
    private static final KeyedTable<Connections.Columns> CONNECTIONS = new Connections().reads();
    private static final SlaMissQueries SLA_MISSES = new SlaMissQueries();
    private static final KeyedTable<Variables.Row> VARIABLES = new Variables().reads();

    private final Users users = new Users();
    private final ApiTokens tokens = new ApiTokens();
    private final PoolQueries pools = new PoolQueries();
    private final XComQueries xcoms = new XComQueries();
    private final EventLogQueries events = new EventLogQueries();
    private final ImportErrorQueries importErrors = new ImportErrorQueries();
    private final HealthQueries health = new HealthQueries();
    private final Nodes nodes = new Nodes();
    private final DagVersionQueries versions = new DagVersionQueries();
    private final GridQueries grid = new GridQueries();
    private final RecentRuns recent = new RecentRuns();
    private final AssetQueries assets = new AssetQueries();

    /** @param db the database @param postgres true on PostgreSQL (durations are computed differently) */
    public Reads(Transactions db, boolean postgres) {
        this.db = db;
        this.taskInstances = new TaskInstanceQueries(postgres);
    }

    /** @return one page of the DAGs matching the filter */
    public Listing<DagRow> dags(DagFilter filter, String orderBy, Page page) {
        return db.withHandle(h -> dags.list(h, filter, orderBy, page));
    }

    /** @return the DAG, if the table has it */
    public Optional<DagRow> dag(String dagId) {
        return db.withHandle(h -> dags.find(h, dagId));
    }

    /** @return the DAG's versions and the runs that used them, or empty when there is no such DAG */
    public Optional<VersionUse> dagVersions(String dagId) {
        return db.withHandle(h -> versions.versions(h, dagId));
    }

    /** @return one version of a DAG, with its source */
    public Optional<VersionRow> dagVersion(String dagId, String hash) {
        return db.withHandle(h -> new Dags().version(h, dagId, hash));
    }

    /** @return the structure ({@code Dag.structure()}) of the DAG's current version, if the DAG and it are stored */
    public Optional<String> currentStructure(String dagId) {
        return db.withHandle(h -> new Dags().find(h, dagId)
                .flatMap(dag -> new Dags().structure(h, dagId, dag.currentVersion())));
    }

    /** @return one page of the runs matching the filter */
    public Listing<DagRunRow> runs(RunFilter filter, String orderBy, Page page) {
        return db.withHandle(h -> runs.list(h, filter, orderBy, page));
    }

    /** @return the run */
    public Optional<DagRunRow> run(String dagId, String runId) {
        return db.withHandle(h -> runs.find(h, dagId, runId));
    }

    /** @return one page of the task instances matching the filter */
    public Listing<TaskInstanceRecord> taskInstances(TaskInstanceFilter filter, String orderBy, Page page) {
        return db.withHandle(h -> taskInstances.list(h, filter, orderBy, page));
    }

    /** @return every task instance matching the filter, by run then creation order */
    public List<TaskInstanceRecord> matchingTaskInstances(TaskInstanceFilter filter) {
        return db.withHandle(h -> taskInstances.matching(h, filter));
    }

    /** @return one task instance of a run (of an unmapped task) */
    public Optional<TaskInstanceRecord> taskInstance(String dagId, String runId, String taskId) {
        return taskInstance(dagId, runId, taskId, -1);
    }

    /** @return one task instance of a run; {@code mapIndex} -1 for an unmapped task */
    public Optional<TaskInstanceRecord> taskInstance(String dagId, String runId, String taskId, int mapIndex) {
        return db.withHandle(h -> taskInstances.find(h, dagId, runId, taskId, mapIndex));
    }

    /** @return one page of a mapped task's instances in a run */
    public Listing<TaskInstanceRecord> mappedTaskInstances(String dagId, String runId, String taskId, String orderBy, Page page) {
        return db.withHandle(h -> taskInstances.mapped(h, dagId, runId, taskId, orderBy, page));
    }

    /** @return one try of a task instance */
    public Optional<TaskTries.TryRow> tryOf(long taskInstanceId, int tryNumber) {
        return db.withHandle(h -> tries.find(h, taskInstanceId, tryNumber));
    }

    /** @return a try's rendered templated fields as a JSON object, or empty when it had none */
    public Optional<String> renderedFields(long taskInstanceId, int tryNumber) {
        return db.withHandle(h -> rendered.of(h, taskInstanceId, tryNumber));
    }

    /** @return one page of pools with their use, by name */
    public Listing<PoolRecord> pools(Page page) {
        return db.withHandle(h -> pools.list(h, page));
    }

    /** @return every pool with its use, by name */
    public List<PoolRecord> allPools() {
        return db.withHandle(pools::all);
    }

    /** @return the pool with its use */
    public Optional<PoolRecord> pool(String name) {
        return db.withHandle(h -> pools.find(h, name));
    }

    /** @return one page of a run's XCom values, by task and key */
    public Listing<XComRecord> xcoms(long runPk, String taskId, String key, Page page) {
        return db.withHandle(h -> xcoms.list(h, runPk, taskId, key, page));
    }

    /** @return one XCom value */
    public Optional<XComRecord> xcom(long runPk, String taskId, String key) {
        return db.withHandle(h -> xcoms.find(h, runPk, taskId, key));
    }

    /** @return one page of XCom values across runs, each filter null for any */
    public Listing<XComQueries.XComAcross> xcomsAcross(String dagId, String runId, String taskId, String key, Page page) {
        return db.withHandle(h -> xcoms.across(h, dagId, runId, taskId, key, page));
    }

    /** @param dagId a DAG, or null for every DAG @return one page of the runs found late for their SLA, newest first */
    public Listing<DagRunRow> slaMisses(String dagId, Page page) {
        return db.withHandle(h -> SLA_MISSES.list(h, dagId, page));
    }

    /** @return one page of the audit rows matching the filter */
    public Listing<EventRecord> events(EventFilter filter, String orderBy, Page page) {
        return db.withHandle(h -> events.list(h, filter, orderBy, page));
    }

    /** @return one audit row */
    public Optional<EventRecord> event(long id) {
        return db.withHandle(h -> events.find(h, id));
    }

    /** @return one page of import errors */
    public Listing<ImportErrorRow> importErrors(String orderBy, Page page) {
        return db.withHandle(h -> importErrors.list(h, orderBy, page));
    }

    /** @return one import error */
    public Optional<ImportErrorRow> importError(long id) {
        return db.withHandle(h -> importErrors.find(h, id));
    }

    /** @return true when the database answers a trivial query (throws when it cannot be reached) */
    public boolean databaseAnswers() {
        return db.withHandle(health::databaseAnswers);
    }

    /** @return the latest heartbeat of any scheduler node */
    public Optional<Instant> latestSchedulerHeartbeat() {
        return db.withHandle(health::latestSchedulerHeartbeat);
    }

    /** @return every registered node, by id */
    public List<NodeRow> nodes() {
        return db.withHandle(nodes::rows);
    }

    /** @return the user with its password hash and role */
    public Optional<Users.UserRow> user(String username) {
        return db.withHandle(h -> users.find(h, username));
    }

    /** @return the connection's columns as stored, secrets still encrypted */
    public Optional<Connections.Columns> connection(String id) {
        return db.withHandle(h -> CONNECTIONS.find(h, id));
    }

    /** @return one page of connections by id, secrets still encrypted, and how many there are */
    public Listing<Connections.Columns> connections(int limit, int offset) {
        return db.withHandle(h -> new Listing<>(CONNECTIONS.page(h, limit, offset), CONNECTIONS.count(h)));
    }

    /** @return the variable as stored, its value still encrypted */
    public Optional<Variables.Row> variable(String key) {
        return db.withHandle(h -> VARIABLES.find(h, key));
    }

    /** @return one page of variables by key, values still encrypted, and how many there are */
    public Listing<Variables.Row> variables(int limit, int offset) {
        return db.withHandle(h -> new Listing<>(VARIABLES.page(h, limit, offset), VARIABLES.count(h)));
    }

    /** @return every user, by name (rows carry hashes, never passwords) */
    public List<Users.UserRow> users() {
        return db.withHandle(users::all);
    }

    /** @param username a user, or null for every user @return their API tokens, revoked ones included */
    public List<TokenRow> tokens(String username) {
        return db.withHandle(h -> tokens.all(h, username));
    }

    /** @return the API token with that id, if it exists */
    public Optional<TokenRow> token(long id) {
        return db.withHandle(h -> tokens.byId(h, id));
    }

    /** @return the API token with this public prefix */
    public Optional<TokenRow> token(String prefix) {
        return db.withHandle(h -> tokens.byPrefix(h, prefix));
    }

    /** @return the counts behind the engine's meters */
    public EngineCounts engineCounts() {
        return db.withHandle(EngineCounts::read);
    }

    /**
     * @return the grid of the newest runs the filter lets through, with the cells of the runs
     *         {@code wanted} picks, or empty when there is no such DAG
     */
    public Optional<Grid> grid(String dagId, int limit, GridQueries.GridFilter filter, UnaryOperator<List<GridRun>> wanted) {
        return db.withHandle(h -> grid.grid(h, dagId, limit, filter, wanted));
    }

    /** @return every try of a run's tasks, or empty when there is no such run */
    public Optional<List<TrySpan>> tries(String dagId, String runId) {
        return db.withHandle(h -> grid.tries(h, dagId, runId));
    }

    /** @return the latest runs of each DAG (not empty), newest first; DAGs without runs are absent */
    public Map<String, List<RunDot>> recentRuns(List<String> dagIds, int perDag) {
        return db.withHandle(h -> recent.latest(h, dagIds, perDag));
    }

    /** @return one page of the assets whose URI contains the pattern (all when null), with producers and consumers */
    public Listing<AssetQueries.AssetRow> assets(String uriPattern, String orderBy, Page page) {
        return db.withHandle(h -> assets.list(h, uriPattern, orderBy, page));
    }

    /** @return the asset with this URI */
    public Optional<AssetQueries.AssetRow> asset(String uri) {
        return db.withHandle(h -> assets.find(h, uri));
    }

    /** @return one page of the asset events matching the filter */
    public Listing<AssetQueries.EventRow> assetEvents(AssetQueries.EventFilter filter, String orderBy, Page page) {
        return db.withHandle(h -> assets.events(h, filter, orderBy, page));
    }

    /** @return the asset event */
    public Optional<AssetQueries.EventRow> assetEvent(long id) {
        return db.withHandle(h -> assets.event(h, id));
    }

    /** @return the runs each of these events created */
    public Map<Long, List<AssetQueries.RunRef>> runsCreatedBy(java.util.Collection<Long> eventIds) {
        return db.withHandle(h -> assets.createdRuns(h, eventIds));
    }

    /** @return the events queued for a DAG's next asset-triggered run */
    public List<Assets.Queued> queuedAssetEvents(String dagId) {
        return db.withHandle(h -> assets.queuedFor(h, dagId));
    }

    /** @return the events an asset-triggered run consumed */
    public List<AssetQueries.EventRow> consumedAssetEvents(String dagId, String runId) {
        return db.withHandle(h -> assets.consumedBy(h, dagId, runId));
    }
}
