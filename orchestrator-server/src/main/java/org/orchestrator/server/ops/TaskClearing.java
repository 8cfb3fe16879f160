package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
 */
final class TaskClearing {

    private final TaskInstances tis = new TaskInstances();
    private final DagRuns runs = new DagRuns();
    private final XComs xcoms = new XComs();

    /**
     * Clears the instances, run by run, each run in its own transaction.
     *
     * @param jdbi        the database
     * @param dag         the DAG definition (for retries)
     * @param selected    the instances to clear
     * @param resetRuns   put their runs back to queued
     * @param now         the time
     * @return the instances that were cleared (another actor may have moved some first)
     */
    List<TaskInstanceRow> clear(Jdbi jdbi, Dag dag, List<TaskInstanceRow> selected, boolean resetRuns,
                                   Instant now) {
        List<TaskInstanceRow> cleared = new ArrayList<>();
        for (List<TaskInstanceRow> ofRun : byRun(selected).values()) {
            cleared.addAll(jdbi.inTransaction(h -> clearRun(h, dag, ofRun, resetRuns, now)));
        }
        return cleared;
    }

    private List<TaskInstanceRow> clearRun(Handle h, Dag dag, List<TaskInstanceRow> ofRun, boolean resetRuns,
                                              Instant now) {
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
        return cleared;
    }

    private void requeue(Handle h, long runPk, Instant now) {
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
