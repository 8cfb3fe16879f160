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
 * callbacks run or are only recorded; what each task instance's last try rendered its templated fields to.
 */
record LocalRun(Dag dag, String runId, Instant logicalDate, DataInterval interval, Map<String, Object> conf,
                Resources resources, Map<String, String> xcoms, Map<String, TaskState> externalStates,
                PrintStream echo, Clock clock, UnaryOperator<String> mask, boolean runCallbacks,
                Map<String, Map<String, String>> rendered) {

    static String xcomKey(String taskId, String key) {
        return taskId + "/" + key;
    }

    /** @return the key of a value a task instance pushed: {@code task[i]/key} for a mapped instance */
    static String xcomKey(String taskId, int mapIndex, String key) {
        return xcomKey(mapIndex < 0 ? taskId : taskId + "[" + mapIndex + "]", key);
    }

    /** @return the values each instance of a mapped task pushed under the key, in map-index order */
    java.util.List<String> xcomsOfEachInstance(String taskId, String key) {
        java.util.regex.Pattern own = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(taskId) + "\\[(\\d+)]/"
                + java.util.regex.Pattern.quote(key));
        java.util.TreeMap<Integer, String> byIndex = new java.util.TreeMap<>();
        xcoms.forEach((k, json) -> {
            java.util.regex.Matcher m = own.matcher(k);
            if (m.matches()) {
                byIndex.put(Integer.parseInt(m.group(1)), json);
            }
        });
        return java.util.List.copyOf(byIndex.values());
    }

    static String externalKey(String dagId, String taskId, Instant logicalDate) {
        return dagId + "/" + taskId + "/" + logicalDate;
    }

    Optional<TaskState> externalState(String dagId, String taskId, Instant logical) {
        return Optional.ofNullable(externalStates.get(externalKey(dagId, taskId, logical)));
    }
}
