package org.orchestrator.server.state;

import static org.orchestrator.api.TaskState.NONE;
import static org.orchestrator.api.TaskState.QUEUED;
import static org.orchestrator.api.TaskState.RUNNING;
import static org.orchestrator.api.TaskState.SCHEDULED;
import static org.orchestrator.api.TaskState.UP_FOR_RETRY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.TaskTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task instances and the verbs that move them. Each verb is a guarded UPDATE
 * ({@code … WHERE id = ? AND state = :from}) whose row count decides: 1 moved it, 0 means another
 * thread or node won (logged at debug), more is a bug. Verbs take the caller's {@link Handle} so
 * several transitions can share one transaction where that is correct.
 */
public final class TaskInstances {

    private static final Logger LOG = LoggerFactory.getLogger(TaskInstances.class);

    /**
     * Creates the instances of a new run: {@code none}, or {@code scheduled} for those whose
     * dependencies are met from the start (the run starts in the same transaction).
     */
    public void insertForRun(Tx h, long runPk, String dagId, String runId, Collection<TaskDefinition> tasks,
                             java.util.Set<String> readyNow, Instant now) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                + "max_tries, pool, priority_weight, scheduled_at) VALUES (:run, :dag, :runId, :task, :state, 0, :max, :pool, :prio, :ready)");
        for (TaskDefinition t : tasks) {
            boolean ready = readyNow.contains(t.id());
            batch.bind("run", runPk).bind("dag", dagId).bind("runId", runId).bind("task", t.id())
                    .bind("state", (ready ? SCHEDULED : NONE).wireName()).bindByType("ready", ready ? now : null, Instant.class)
                    .bind("max", t.maxTries()).bind("pool", t.pool()).bind("prio", t.priorityWeight()).add();
        }
        batch.execute();
    }

    /** @return true when the run has task instances (false for a run the command line queued: its starter creates them) */
    public boolean anyOfRun(Tx h, long runPk) {
        return h.createQuery("SELECT 1 FROM task_instance WHERE run_pk = :run").bind("run", runPk)
                .mapTo(Integer.class).findFirst().isPresent();
    }

    /** @return every instance of a run, keyed by {@link TaskInstanceRow#label()} (the task id for an unmapped task) */
    public Map<String, TaskInstanceRow> ofRun(Tx h, long runPk) {
        Map<String, TaskInstanceRow> byLabel = new java.util.LinkedHashMap<>();
        allOfRun(h, runPk).forEach(ti -> byLabel.put(ti.label(), ti));
        return byLabel;
    }

    /** @return every instance of a run, by task then map index */
    public List<TaskInstanceRow> allOfRun(Tx h, long runPk) {
        return h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance WHERE run_pk = :run ORDER BY id")
                .bind("run", runPk).map(TaskInstanceRow.MAPPER).list();
    }

    /**
     * @return the instances of the named tasks of a run (several for a mapped task). On H2 the
     * names are joined as a {@code VALUES} list, one index probe per name: H2 applies
     * {@code task_id IN (…)} as a filter over every row of the run, which made each edge cost
     * O(tasks in the run); V21 keeps H2 from planning the join on the {@code run_pk} index alone
     * before its first ANALYZE. PostgreSQL probes the index for each value of the {@code IN} list.
     */
    public List<TaskInstanceRow> rowsOf(Tx h, long runPk, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        List<String> names = List.copyOf(taskIds);
        if (Dialect.postgres(h)) {
            return h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance WHERE run_pk = :run AND task_id IN (<tasks>)")
                    .bind("run", runPk).bindList("tasks", names).map(TaskInstanceRow.MAPPER).list();
        }
        String values = java.util.stream.IntStream.range(0, names.size()).mapToObj(i -> "(:t" + i + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        var query = h.createQuery("SELECT " + TaskInstanceRow.columns("ti.")
                + " FROM (VALUES " + values + ") AS named(task_id) JOIN task_instance ti ON ti.task_id = named.task_id"
                + " WHERE ti.run_pk = :run").bind("run", runPk);
        for (int i = 0; i < names.size(); i++) {
            query.bind("t" + i, names.get(i));
        }
        return query.map(TaskInstanceRow.MAPPER).list();
    }

    /** @return the tasks of a run that have an instance waiting in {@code none} (through the run and state index) */
    public List<String> waitingTasks(Tx h, long runPk) {
        return h.createQuery("SELECT DISTINCT task_id FROM task_instance WHERE run_pk = :run AND state = 'none'")
                .bind("run", runPk).mapTo(String.class).list();
    }

    /**
     * Expands a mapped task: its unexpanded instance (none, map index -1) becomes instance 0 and
     * instances 1..n-1 are added, all scheduled, each with its mapped arguments.
     *
     * @param args each instance's mapped arguments as JSON, by map index
     * @return true if it expanded (false: another actor moved the instance first)
     */
    public boolean expand(Tx h, TaskInstanceRow unexpanded, List<String> args, Instant now) {
        TaskTransitions.check(NONE, SCHEDULED);
        int moved = h.createUpdate("UPDATE task_instance SET state = 'scheduled', scheduled_at = :now, map_index = 0, "
                        + "map_args = :args WHERE id = :id AND state = 'none' AND map_index = -1")
                .bind("now", now).bind("args", args.get(0)).bind("id", unexpanded.id()).execute();
        if (!checkCount(moved, unexpanded.id(), NONE, SCHEDULED)) {
            return false;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                + "max_tries, pool, priority_weight, scheduled_at, map_index, map_args) VALUES (:run, :dag, :runId, :task, "
                + "'scheduled', 0, :max, :pool, :prio, :now, :index, :args)");
        for (int i = 1; i < args.size(); i++) {
            batch.bind("run", unexpanded.runPk()).bind("dag", unexpanded.dagId()).bind("runId", unexpanded.runId())
                    .bind("task", unexpanded.taskId()).bind("max", unexpanded.maxTries()).bind("pool", unexpanded.pool())
                    .bind("prio", unexpanded.priorityWeight()).bind("now", now).bind("index", i).bind("args", args.get(i)).add();
        }
        if (args.size() > 1) {
            batch.execute();
        }
        return true;
    }

    /**
     * none → failed for a mapped task that cannot expand; the reason goes in its note, where the
     * dashboard and the API show it (no try ran, so there is no log to put it in).
     *
     * @return true if it moved
     */
    public boolean failExpansion(Tx h, long id, String reason, Instant now) {
        return move(h, id, NONE, TaskState.FAILED, ", end_date = :now, note = :note", "",
                Map.of("now", now, "note", reason.length() > 4000 ? reason.substring(0, 4000) : reason));
    }

    /** @return the mapped arguments of an instance as JSON, empty for an unmapped one */
    public Optional<String> mapArgs(Tx h, long id) {
        return h.createQuery("SELECT map_args FROM task_instance WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne();
    }

    /**
     * @return true when one of the named tasks of the run has an unfinished instance; one index
     * probe per state, so that a mapped task's thousands of instances are not read on every outcome
     */
    public boolean anyUnfinished(Tx h, long runPk, Collection<String> taskIds) {
        String probes = java.util.stream.Stream.of(NONE, SCHEDULED, QUEUED, RUNNING, UP_FOR_RETRY)
                .map(s -> "EXISTS (SELECT 1 FROM task_instance WHERE run_pk = :run AND state = '" + s.wireName()
                        + "' AND task_id IN (<tasks>))")
                .collect(java.util.stream.Collectors.joining(" OR "));
        return h.createQuery("SELECT CASE WHEN " + probes + " THEN 1 ELSE 0 END").bind("run", runPk)
                .bindList("tasks", List.copyOf(taskIds)).mapTo(Integer.class).one() == 1;
    }

    /** @return the instances with these ids */
    public List<TaskInstanceRow> findAll(Tx h, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance WHERE id IN (<ids>) ORDER BY id")
                .bindList("ids", List.copyOf(ids)).map(TaskInstanceRow.MAPPER).list();
    }

    /** @return the instance, if any */
    public Optional<TaskInstanceRow> find(Tx h, long id) {
        return h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance WHERE id = :id")
                .bind("id", id).map(TaskInstanceRow.MAPPER).findOne();
    }

    /**
     * @return the state of a task in the DAG's run for that logical date (the newest such run when
     * a manual run shares the date), or empty when there is no such run or task
     */
    public Optional<TaskState> stateAt(Tx h, String dagId, String taskId, Instant logicalDate) {
        return h.createQuery("SELECT ti.state FROM task_instance ti JOIN dag_run r ON r.id = ti.run_pk "
                        + "WHERE r.dag_id = :dag AND r.logical_date = :date AND ti.task_id = :task ORDER BY r.id DESC LIMIT 1")
                .bind("dag", dagId).bind("date", logicalDate).bind("task", taskId)
                .mapTo(String.class).findOne().map(TaskState::fromWireName);
    }

    /**
     * The task instances of the run before this one (Airflow's previous DAG run: the latest
     * earlier logical date of the same DAG, whatever its type), for {@code depends_on_past}.
     *
     * @return their states by task id, or null when this is the DAG's first run
     */
    public Map<String, TaskState> ofPreviousRun(Tx h, String dagId, Instant logicalDate) {
        Optional<Long> previous = h.createQuery("SELECT id FROM dag_run WHERE dag_id = :dag AND logical_date < :date "
                        + "ORDER BY logical_date DESC, id DESC LIMIT 1")
                .bind("dag", dagId).bind("date", logicalDate).mapTo(Long.class).findOne();
        if (previous.isEmpty()) {
            return null;
        }
        Map<String, TaskState> states = new java.util.HashMap<>();
        h.createQuery("SELECT task_id, state FROM task_instance WHERE run_pk = :run").bind("run", previous.get())
                .map((rs, ctx) -> Map.entry(rs.getString(1), TaskState.fromWireName(rs.getString(2))))
                .forEach(e -> states.put(e.getKey(), e.getValue()));
        return states;
    }

    /**
     * @return true when the run still has an instance that is not finished. One index probe per
     * unfinished state: an {@code IN} list would scan every finished row of a large run.
     */
    public boolean hasUnfinished(Tx h, long runPk) {
        String probes = java.util.stream.Stream.of(NONE, SCHEDULED, QUEUED, RUNNING, UP_FOR_RETRY)
                .map(s -> "EXISTS (SELECT 1 FROM task_instance WHERE run_pk = :run AND state = '" + s.wireName() + "')")
                .collect(java.util.stream.Collectors.joining(" OR "));
        return h.createQuery("SELECT CASE WHEN " + probes + " THEN 1 ELSE 0 END").bind("run", runPk)
                .mapTo(Integer.class).one() == 1;
    }

    /**
     * @return up to {@code limit} scheduled instances, highest priority first, oldest first; on
     * PostgreSQL locked until the caller's transaction ends, skipping rows another claimer holds
     */
    public List<TaskInstanceRow> ready(Tx h, int limit) {
        // Not while an earlier try of the instance is still being stopped: never two tries at once.
        return h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance WHERE state = 'scheduled' "
                        + "AND stopping_try IS NULL ORDER BY state, priority_weight DESC, id LIMIT :limit" + Dialect.claimLock(h))
                .bind("limit", limit).map(TaskInstanceRow.MAPPER).list();
    }

    /** @return the active instances per DAG and per pool, and every pool's slots, in one statement */
    public SlotUse slotUse(Tx h) {
        return SlotUse.read(h);
    }

    /** @return the active instances (queued, running, or a try being stopped) of one task across its DAG's runs */
    public int activeOfTask(Tx h, String dagId, String taskId) {
        return h.createQuery("SELECT COUNT(*) FROM task_instance WHERE dag_id = :dag AND task_id = :task "
                        + "AND (state IN ('queued', 'running') OR " + TryStops.PENDING + ")")
                .bind("dag", dagId).bind("task", taskId).mapTo(Integer.class).one();
    }

    /** none → scheduled, for each id; @return the ids that moved */
    public List<Long> schedule(Tx h, Collection<Long> ids, Instant now) {
        return moveEach(h, ids, NONE, SCHEDULED, ", scheduled_at = :now", "", Map.of("now", now));
    }

    /** none → skipped or upstream_failed (a trigger rule decided); @return true if it moved */
    public boolean settle(Tx h, long id, TaskState to, Instant now) {
        return move(h, id, NONE, to, ", end_date = :now", "", Map.of("now", now));
    }

    /**
     * none or scheduled → removed: the task is not in the DAG version the run uses (its version
     * could not be loaded and the one used instead lacks the task).
     *
     * @return true if it moved
     */
    public boolean remove(Tx h, long id, TaskState from, Instant now) {
        return move(h, id, from, TaskState.REMOVED, ", end_date = :now", "", Map.of("now", now));
    }

    /**
     * scheduled → queued → running for each id, starting a new try: this node has a free slot for
     * each, so claiming and starting share one transaction.
     *
     * @return the instances that started, with their new try number
     */
    public List<TaskInstanceRow> claimAndStart(Tx h, List<TaskInstanceRow> ready, String node, Instant now) {
        List<Long> ids = ready.stream().map(TaskInstanceRow::id).toList();
        // Both moves in one row change: queued and started at the same instant, half the writes
        // (and index updates) of one UPDATE per move.
        TaskTransitions.check(SCHEDULED, QUEUED);
        TaskTransitions.check(QUEUED, RUNNING);
        List<Long> running = moveAll(h, ids, SCHEDULED, RUNNING, ", node = :node, queued_at = :now, "
                + "try_number = try_number + 1, start_date = :now, end_date = NULL, next_retry_at = NULL", "",
                Map.of("node", node, "now", now));
        java.util.Set<Long> started = new java.util.HashSet<>(running);
        // The rows as the update left them, without reading them back.
        return ready.stream().filter(ti -> started.contains(ti.id()))
                .map(ti -> new TaskInstanceRow(ti.id(), ti.runPk(), ti.dagId(), ti.runId(), ti.taskId(), RUNNING,
                        ti.tryNumber() + 1, ti.maxTries(), ti.pool(), ti.priorityWeight(), node, now, now, null, null,
                        ti.scheduledAt(), ti.mapIndex()))
                .toList();
    }

    /**
     * running → a finished state, or up_for_retry, for the given tries only (a try that lost its
     * instance — timed out, marked, zombie-reaped — cannot overwrite what happened since), in one
     * batch. Each rejected end is counted in {@link StaleWrites}.
     *
     * @return for each end, in order, whether it was applied
     */
    public boolean[] finishTries(Tx h, List<TryEnd> ends, Instant now) {
        ends.forEach(end -> TaskTransitions.check(RUNNING, end.to()));
        PreparedBatch batch = h.prepareBatch("UPDATE task_instance SET state = :to, end_date = :now, next_retry_at = :retryAt "
                + "WHERE id = :id AND state = 'running' AND try_number = :try");
        ends.forEach(end -> batch.bind("to", end.to().wireName()).bind("now", now).bind("retryAt", end.retryAt())
                .bind("id", end.tiId()).bind("try", end.tryNumber()).add());
        int[] counts = ends.isEmpty() ? new int[0] : batch.execute();
        boolean[] applied = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            applied[i] = checkCount(counts[i], ends.get(i).tiId(), RUNNING, ends.get(i).to());
            if (!applied[i]) {
                StaleWrites.rejected("outcome " + ends.get(i).to().wireName(), ends.get(i).tiId(), ends.get(i).tryNumber());
            }
        }
        return applied;
    }

    /** up_for_retry → scheduled once the retry is due; @return true if it moved */
    public boolean retryDue(Tx h, long id, Instant now) {
        return move(h, id, UP_FOR_RETRY, SCHEDULED, ", next_retry_at = NULL, scheduled_at = :now", " AND next_retry_at <= :now",
                Map.of("now", now));
    }

    /** @return ids of up_for_retry instances whose retry is due */
    public List<Long> dueRetries(Tx h, Instant now) {
        return h.createQuery("SELECT id FROM task_instance WHERE state = 'up_for_retry' AND next_retry_at <= :now")
                .bind("now", now).mapTo(Long.class).list();
    }

    /** queued → scheduled: a node hands back an instance it claimed but did not start. */
    public boolean handBack(Tx h, long id) {
        return move(h, id, QUEUED, SCHEDULED, ", node = NULL", "", Map.of());
    }

    /**
     * running → up_for_retry, due at once, for a try its node gave up on while shutting down. The
     * try does not count against the instance's retries ({@code max_tries} grows by one), as a try
     * Airflow restarts is not charged to the task. Guarded like {@link #finishTries}.
     *
     * @return true if it moved
     */
    public boolean handBackRunning(Tx h, long id, int tryNumber, Instant now) {
        return move(h, id, RUNNING, UP_FOR_RETRY, ", end_date = :now, next_retry_at = :now, max_tries = max_tries + 1",
                " AND try_number = :try", Map.of("now", now, "try", tryNumber));
    }

    /**
     * finished, up_for_retry or running → none, and the instance gets its retries (and crash
     * count) again (Airflow's clear). A running try is taken away (see {@link TryStops}): it ends
     * failed, and the next try starts once its node has stopped it.
     *
     * @return true if it moved
     */
    public boolean clear(Tx h, TaskInstanceRow ti, int retries) {
        String set = ", max_tries = try_number + :tries, end_date = NULL, next_retry_at = NULL, crashes = 0";
        if (ti.state() != RUNNING) {
            // The node stays while a try taken away earlier (a mark) is still being stopped there.
            return move(h, ti.id(), ti.state(), NONE, set + ", node = CASE WHEN stopping_try IS NULL THEN NULL ELSE node END", "",
                    Map.of("tries", retries + 1));
        }
        return takeAway(h, ti, NONE, set, Map.of("tries", retries + 1), TaskState.FAILED, "cleared");
    }

    /**
     * any → success, failed or skipped, by an operator. A running try is taken away (see
     * {@link TryStops}) and ends as the instance was marked.
     *
     * @return true if it moved
     */
    public boolean mark(Tx h, TaskInstanceRow ti, TaskState to, Instant now) {
        if (ti.state() != RUNNING) {
            return move(h, ti.id(), ti.state(), to, ", end_date = :now", "", Map.of("now", now));
        }
        return takeAway(h, ti, to, ", end_date = :now", Map.of("now", now), to, "marked " + to.wireName());
    }

    /** running → {@code to} for the try the caller read, recording that the try must stop. */
    private boolean takeAway(Tx h, TaskInstanceRow ti, TaskState to, String set, Map<String, Object> binds,
                             TaskState tryState, String action) {
        Map<String, Object> all = new java.util.HashMap<>(binds);
        all.put("try", ti.tryNumber());
        if (!move(h, ti.id(), RUNNING, to, set + TryStops.TAKE_AWAY, " AND try_number = :try", all)) {
            return false;
        }
        TryStops.takenAway(h, ti, tryState, action);
        return true;
    }

    /** @return running instances whose node is not in the given live set */
    public List<TaskInstanceRow> activeOnNodesOtherThan(Tx h, Collection<String> liveNodes) {
        String filter = liveNodes.isEmpty() ? "" : " AND (node IS NULL OR node NOT IN (<nodes>))";
        var query = h.createQuery("SELECT " + TaskInstanceRow.COLUMNS + " FROM task_instance "
                + "WHERE state IN ('queued', 'running')" + filter);
        if (!liveNodes.isEmpty()) {
            query.bindList("nodes", List.copyOf(liveNodes));
        }
        return query.map(TaskInstanceRow.MAPPER).list();
    }

    private boolean move(Tx h, long id, TaskState from, TaskState to, String set, String guard,
                         Map<String, Object> binds) {
        TaskTransitions.check(from, to);
        int rows = h.createUpdate(sql(from, to, set, guard, "id = :id")).bind("id", id).bindMap(binds).execute();
        return checkCount(rows, id, from, to);
    }

    private List<Long> moveEach(Tx h, Collection<Long> ids, TaskState from, TaskState to, String set,
                                String guard, Map<String, Object> binds) {
        TaskTransitions.check(from, to);
        return moveAll(h, ids, from, to, set, guard, binds);
    }

    /**
     * {@link #moveEach} for a move the caller has checked against the transition table. On H2, one
     * guarded {@code UPDATE … WHERE id = ?} per instance, sent as one batch, each row's count
     * saying whether it moved: one {@code id IN (…)} statement costs n² comparisons there. On
     * PostgreSQL one statement for all, {@code id = ANY(…)}, returning the ids that moved.
     */
    private List<Long> moveAll(Tx h, Collection<Long> ids, TaskState from, TaskState to, String set,
                               String guard, Map<String, Object> binds) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> all = List.copyOf(ids);
        if (Dialect.postgres(h)) {
            return h.createQuery(sql(from, to, set, guard, "id = ANY(:ids)") + " RETURNING id")
                    .bindArray("ids", Long.class, all).bindMap(binds).mapTo(Long.class).list();
        }
        PreparedBatch batch = h.prepareBatch(sql(from, to, set, guard, "id = :id"));
        all.forEach(id -> batch.bind("id", id).bindMap(binds).add());
        int[] counts = batch.execute();
        List<Long> moved = new ArrayList<>(all.size());
        for (int i = 0; i < counts.length; i++) {
            if (checkCount(counts[i], all.get(i), from, to)) {
                moved.add(all.get(i));
            }
        }
        return moved;
    }

    /** Builds {@code UPDATE … SET state = to <set> WHERE <ids> AND state = from <guard>}. */
    private static String sql(TaskState from, TaskState to, String set, String guard, String ids) {
        return "UPDATE task_instance SET state = '" + to.wireName() + "'" + set
                + " WHERE " + ids + " AND state = '" + from.wireName() + "'" + guard;
    }

    private static boolean checkCount(int rows, long id, TaskState from, TaskState to) {
        if (rows > 1) {
            throw new StateException("guarded update moved " + rows + " rows for task instance " + id);
        }
        if (rows == 0) {
            LOG.debug("task instance {} was no longer {} (wanted {}): another actor moved it first", id, from, to);
        }
        return rows == 1;
    }

    /** @param note the operator's note, or null to remove it */
    public void setNote(Tx h, long id, String note) {
        h.createUpdate("UPDATE task_instance SET note = :note WHERE id = :id").bind("note", note).bind("id", id).execute();
    }
}
