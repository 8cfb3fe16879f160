package org.orchestrator.testing;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskState;

/**
 * What every try of one local run shares: the DAG, dates, conf, resources, XComs (task/key → JSON)
 * the states of other DAGs' tasks a test declared, where and how logs are written, and whether
 * callbacks run or are only recorded.
 */
record LocalRun(Dag dag, String runId, Instant logicalDate, DataInterval interval, Map<String, Object> conf,
                Resources resources, Map<String, String> xcoms, Map<String, TaskState> externalStates,
                PrintStream echo, Clock clock, UnaryOperator<String> mask, boolean runCallbacks) {

    static String xcomKey(String taskId, String key) {
        return taskId + "/" + key;
    }

    static String externalKey(String dagId, String taskId, Instant logicalDate) {
        return dagId + "/" + taskId + "/" + logicalDate;
    }

    Optional<TaskState> externalState(String dagId, String taskId, Instant logical) {
        return Optional.ofNullable(externalStates.get(externalKey(dagId, taskId, logical)));
    }
}
