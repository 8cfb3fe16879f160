package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.XComs;

/**
 * Airflow's clear: the chosen task instances go back to {@code none} with their retries
 * restored and their XComs dropped, and (unless told not to) their runs go back to
 * {@code queued}, so the engine's sweep starts them again and schedules the cleared tasks as
 * their upstreams allow. A running instance's try is stopped on its node, as Airflow does, and
 * its next try starts only once that one has stopped (see TryStops); scheduled and queued
 * instances are left alone.
 *
 * <p>A cleared run runs again on the version of its DAG it records (the engine reloads that
 * version from its stored source when it was let go), unless the operator chose the latest
 * version: then the run records the latest in the same transaction, so what runs and what the
 * API and dashboard report never differ.
 */
final class TaskClearing {

    private final TaskInstances tis = new TaskInstances();
    private final DagRuns runs = new DagRuns();
    private final XComs xcoms = new XComs();

    /**
     * Clears the instances, run by run, each run in its own transaction.
     *
     * @param db        the database
     * @param dag         the DAG definition (for retries)
     * @param selected    the instances to clear
     * @param resetRuns   put their runs back to queued
     * @param toVersion   the version their runs run from now on (the DAG's latest, by the operator's
     *                    choice), or null to keep each run's own
     * @param now         the time
     * @return the instances that were cleared (another actor may have moved some first)
     */
    List<TaskInstanceRow> clear(Transactions db, Dag dag, List<TaskInstanceRow> selected, boolean resetRuns,
                                   String toVersion, Instant now) {
        List<TaskInstanceRow> cleared = new ArrayList<>();
        for (List<TaskInstanceRow> ofRun : byRun(selected).values()) {
            cleared.addAll(db.inTransaction(h -> clearRun(h, dag, ofRun, resetRuns, toVersion, now)));
        }
        return cleared;
    }

    private List<TaskInstanceRow> clearRun(Tx h, Dag dag, List<TaskInstanceRow> ofRun, boolean resetRuns,
                                              String toVersion, Instant now) {
        long runPk = ofRun.get(0).runPk();
        if (resetRuns) {
            // The run row first: its lock orders us against a run finishing at the same moment,
            // whose guarded running → finished update then no longer matches.
            requeue(h, runPk, now);
        }
        List<TaskInstanceRow> cleared = new ArrayList<>();
        for (TaskInstanceRow ti : ofRun) {
            int retries = dag.task(ti.taskId()).map(TaskDefinition::retries).orElse(0);
            if (tis.clear(h, ti, retries)) {
                xcoms.clear(h, runPk, ti.taskId(), ti.mapIndex());
                cleared.add(ti);
            }
        }
        if (toVersion != null && !cleared.isEmpty()) {
            runs.setVersion(h, runPk, toVersion);
        }
        return cleared;
    }

    private void requeue(Tx h, long runPk, Instant now) {
        for (int attempt = 0; attempt < 2; attempt++) {
            DagRunRow run = runs.find(h, runPk).orElseThrow();
            if (run.state() == DagRunState.QUEUED || runs.setState(h, runPk, run.state(), DagRunState.QUEUED, now)) {
                return;
            }
        }
    }

    private static Map<Long, List<TaskInstanceRow>> byRun(List<TaskInstanceRow> selected) {
        Map<Long, List<TaskInstanceRow>> byRun = new LinkedHashMap<>();
        selected.forEach(r -> byRun.computeIfAbsent(r.runPk(), pk -> new ArrayList<>()).add(r));
        return byRun;
    }
}
