package org.orchestrator.server.execute;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Resources;

/**
 * The state of a local test run: its DAG, dates, conf, and XComs kept in memory as JSON.
 *
 * @param dag         the DAG
 * @param logicalDate the logical date
 * @param interval    the data interval
 * @param conf        the conf
 * @param xcoms       {@code task/key} → JSON value
 */
record LocalRun(Dag dag, Instant logicalDate, DataInterval interval, Map<String, Object> conf, Resources resources,
               Map<String, String> xcoms) {

    LocalRun(Dag dag, Instant logicalDate, DataInterval interval, Map<String, Object> conf, Resources resources) {
        this(dag, logicalDate, interval, conf, resources, new ConcurrentHashMap<>());
    }

    String runId() {
        return "test__" + logicalDate;
    }
}
