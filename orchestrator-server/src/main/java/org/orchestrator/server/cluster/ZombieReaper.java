package org.orchestrator.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.execute.Executor;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Nodes;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds task instances held by nodes that stopped heartbeating: a queued one is handed back, a
 * running one is a zombie whose try fails (and is retried while tries are left). Instances of a
 * node that left the node table (a replaced incarnation) are reaped at once; those of a node with
 * a stale heartbeat only once this node has itself reached the database for a whole node timeout,
 * since right after a database outage every heartbeat is stale. This node's own tries are never
 * zombies to it: they run here, under their execution timeouts.
 */
public final class ZombieReaper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ZombieReaper.class);

    private final Transactions db;
    private final Clock clock;
    private final Duration nodeTimeout;
    private final DagBag bag;
    private final Executor executor;
    private final String self;
    private final DatabaseLink link;
    private final Nodes nodes = new Nodes();
    private final TaskInstances tis = new TaskInstances();
    private final DagRuns runs = new DagRuns();
    /**
     * Zombie tries whose failure this reaper handed to the executor, and when. The failure is
     * written asynchronously, so the next pass (the first sweep right after start-up's, say) may
     * still see the try running: failing it again would be rejected as a stale write and counted.
     * A try is reaped again only if it is still running a node timeout later (its failure lost).
     */
    private final Map<String, Instant> submitted = new ConcurrentHashMap<>();

    /**
     * @param db        db
     * @param clock       time
     * @param nodeTimeout silence that means dead
     * @param bag         DAGs
     * @param executor    fails zombies
     * @param registry    this node: its id and its link to the database
     */
    public ZombieReaper(Transactions db, Clock clock, Duration nodeTimeout, DagBag bag, Executor executor, NodeRegistry registry) {
        this.db = db;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
        this.bag = bag;
        this.executor = executor;
        this.self = registry.nodeId();
        this.link = registry.link();
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        List<String> alive = new ArrayList<>(db.withHandle(h -> nodes.aliveSince(h, now.minus(nodeTimeout))));
        alive.add(self);
        List<TaskInstanceRow> orphans = db.withHandle(h -> tis.activeOnNodesOtherThan(h, alive));
        Set<String> orphaned = orphans.stream().map(ZombieReaper::tryKey).collect(Collectors.toSet());
        submitted.keySet().retainAll(orphaned);
        if (orphans.isEmpty()) {
            return;
        }
        Set<String> registered = Set.copyOf(db.withHandle(nodes::all));
        boolean trustHeartbeats = link.upFor(now, nodeTimeout);
        for (TaskInstanceRow ti : orphans) {
            if (!trustHeartbeats && ti.node() != null && registered.contains(ti.node())) {
                LOG.debug("{} looks orphaned, but this node reconnected less than {} ago; waiting", ti.id(), nodeTimeout);
                continue;
            }
            if (ti.state() == TaskState.QUEUED) {
                db.useTransaction(h -> tis.handBack(h, ti.id()));
            } else if (claim(ti, now)) {
                failZombie(ti);
            }
        }
        executor.wakeup();
    }

    /**
     * @return true when this pass is to fail the try: no pass (of this node, on any thread) did
     * lately. The pass whose own {@code now} (compared by identity) ends up stored wins.
     */
    private boolean claim(TaskInstanceRow ti, Instant now) {
        Instant lately = now.minus(nodeTimeout);
        return submitted.compute(tryKey(ti), (key, at) -> at == null || at.isBefore(lately) ? now : at) == now;
    }

    private static String tryKey(TaskInstanceRow ti) {
        return ti.id() + "#" + ti.tryNumber();
    }

    private void failZombie(TaskInstanceRow ti) {
        var run = db.withHandle(h -> runs.find(h, ti.runPk()));
        var dag = run.flatMap(r -> bag.forRun(r.dagId(), r.dagVersion()));
        if (dag.isEmpty() || run.isEmpty()) {
            submitted.remove(tryKey(ti));
            LOG.warn("zombie {}/{}/{} belongs to a DAG that is not loaded; left for later", ti.dagId(), ti.runId(), ti.taskId());
            return;
        }
        LOG.warn("zombie: {}/{}/{} try {} was running on node {}, which stopped heartbeating",
                ti.dagId(), ti.runId(), ti.taskId(), ti.tryNumber(), ti.node());
        executor.failZombie(ti, run.get(), dag.get(), "zombie: node " + ti.node() + " stopped heartbeating");
    }
}
