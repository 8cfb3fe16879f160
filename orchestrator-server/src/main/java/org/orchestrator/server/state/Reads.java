package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
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

    private final Jdbi jdbi;
    private final DagQueries dags = new DagQueries();
    private final DagRunQueries runs = new DagRunQueries();
    private final TaskInstanceQueries taskInstances;
    private final TaskTries tries = new TaskTries();
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

    /** @param jdbi the database @param postgres true on PostgreSQL (durations are computed differently) */
    public Reads(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.taskInstances = new TaskInstanceQueries(postgres);
    }

    /** @return one page of the DAGs matching the filter */
    public Listing<DagRow> dags(DagFilter filter, String orderBy, Page page) {
        return jdbi.withHandle(h -> dags.list(h, filter, orderBy, page));
    }

    /** @return the DAG, if the table has it */
    public Optional<DagRow> dag(String dagId) {
        return jdbi.withHandle(h -> dags.find(h, dagId));
    }

    /** @return the DAG's versions and the runs that used them, or empty when there is no such DAG */
    public Optional<VersionUse> dagVersions(String dagId) {
        return jdbi.withHandle(h -> versions.versions(h, dagId));
    }

    /** @return one version of a DAG, with its source */
    public Optional<VersionRow> dagVersion(String dagId, String hash) {
        return jdbi.withHandle(h -> new Dags().version(h, dagId, hash));
    }

    /** @return one page of the runs matching the filter */
    public Listing<DagRunRow> runs(RunFilter filter, String orderBy, Page page) {
        return jdbi.withHandle(h -> runs.list(h, filter, orderBy, page));
    }

    /** @return the run */
    public Optional<DagRunRow> run(String dagId, String runId) {
        return jdbi.withHandle(h -> runs.find(h, dagId, runId));
    }

    /** @return one page of the task instances matching the filter */
    public Listing<TaskInstanceRecord> taskInstances(TaskInstanceFilter filter, String orderBy, Page page) {
        return jdbi.withHandle(h -> taskInstances.list(h, filter, orderBy, page));
    }

    /** @return every task instance matching the filter, by run then creation order */
    public List<TaskInstanceRecord> matchingTaskInstances(TaskInstanceFilter filter) {
        return jdbi.withHandle(h -> taskInstances.matching(h, filter));
    }

    /** @return one task instance of a run (of an unmapped task) */
    public Optional<TaskInstanceRecord> taskInstance(String dagId, String runId, String taskId) {
        return taskInstance(dagId, runId, taskId, -1);
    }

    /** @return one task instance of a run; {@code mapIndex} -1 for an unmapped task */
    public Optional<TaskInstanceRecord> taskInstance(String dagId, String runId, String taskId, int mapIndex) {
        return jdbi.withHandle(h -> taskInstances.find(h, dagId, runId, taskId, mapIndex));
    }

    /** @return one page of a mapped task's instances in a run */
    public Listing<TaskInstanceRecord> mappedTaskInstances(String dagId, String runId, String taskId, String orderBy, Page page) {
        return jdbi.withHandle(h -> taskInstances.mapped(h, dagId, runId, taskId, orderBy, page));
    }

    /** @return one try of a task instance */
    public Optional<TaskTries.TryRow> tryOf(long taskInstanceId, int tryNumber) {
        return jdbi.withHandle(h -> tries.find(h, taskInstanceId, tryNumber));
    }

    /** @return one page of pools with their use, by name */
    public Listing<PoolRecord> pools(Page page) {
        return jdbi.withHandle(h -> pools.list(h, page));
    }

    /** @return every pool with its use, by name */
    public List<PoolRecord> allPools() {
        return jdbi.withHandle(pools::all);
    }

    /** @return the pool with its use */
    public Optional<PoolRecord> pool(String name) {
        return jdbi.withHandle(h -> pools.find(h, name));
    }

    /** @return one page of a run's XCom values, by task and key */
    public Listing<XComRecord> xcoms(long runPk, String taskId, String key, Page page) {
        return jdbi.withHandle(h -> xcoms.list(h, runPk, taskId, key, page));
    }

    /** @return one XCom value */
    public Optional<XComRecord> xcom(long runPk, String taskId, String key) {
        return jdbi.withHandle(h -> xcoms.find(h, runPk, taskId, key));
    }

    /** @return one page of the audit rows matching the filter */
    public Listing<EventRecord> events(EventFilter filter, String orderBy, Page page) {
        return jdbi.withHandle(h -> events.list(h, filter, orderBy, page));
    }

    /** @return one audit row */
    public Optional<EventRecord> event(long id) {
        return jdbi.withHandle(h -> events.find(h, id));
    }

    /** @return one page of import errors */
    public Listing<ImportErrorRow> importErrors(String orderBy, Page page) {
        return jdbi.withHandle(h -> importErrors.list(h, orderBy, page));
    }

    /** @return one import error */
    public Optional<ImportErrorRow> importError(long id) {
        return jdbi.withHandle(h -> importErrors.find(h, id));
    }

    /** @return true when the database answers a trivial query (throws when it cannot be reached) */
    public boolean databaseAnswers() {
        return jdbi.withHandle(health::databaseAnswers);
    }

    /** @return the latest heartbeat of any scheduler node */
    public Optional<Instant> latestSchedulerHeartbeat() {
        return jdbi.withHandle(health::latestSchedulerHeartbeat);
    }

    /** @return every registered node, by id */
    public List<NodeRow> nodes() {
        return jdbi.withHandle(nodes::rows);
    }

    /** @return the user with its password hash and role */
    public Optional<Users.UserRow> user(String username) {
        return jdbi.withHandle(h -> users.find(h, username));
    }

    /** @return the API token with this public prefix */
    public Optional<TokenRow> token(String prefix) {
        return jdbi.withHandle(h -> tokens.byPrefix(h, prefix));
    }

    /** @return the counts behind the engine's meters */
    public EngineCounts engineCounts() {
        return jdbi.withHandle(EngineCounts::read);
    }

    /** @return the DAG's grid with the cells of the runs {@code wanted} picks, or empty when there is no such DAG */
    public Optional<Grid> grid(String dagId, int limit, UnaryOperator<List<GridRun>> wanted) {
        return jdbi.withHandle(h -> grid.grid(h, dagId, limit, wanted));
    }

    /** @return every try of a run's tasks, or empty when there is no such run */
    public Optional<List<TrySpan>> tries(String dagId, String runId) {
        return jdbi.withHandle(h -> grid.tries(h, dagId, runId));
    }

    /** @return the latest runs of each DAG (not empty), newest first; DAGs without runs are absent */
    public Map<String, List<RunDot>> recentRuns(List<String> dagIds, int perDag) {
        return jdbi.withHandle(h -> recent.latest(h, dagIds, perDag));
    }
}
