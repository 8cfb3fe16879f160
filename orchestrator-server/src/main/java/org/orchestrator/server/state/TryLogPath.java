package org.orchestrator.server.state;

import java.util.regex.Pattern;

/**
 * Where a try's log lives, relative to the logs folder:
 * {@code dag_id=…/run_id=…/task_id=…/attempt=N.log}. Built from stored ids made file-name safe,
 * never from a path a request sent.
 */
public final class TryLogPath {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._=+-]");

    private TryLogPath() {
    }

    /** @return the relative log path of a try of the instance */
    public static String of(TaskInstanceRow ti, int tryNumber) {
        return "dag_id=" + safe(ti.dagId()) + "/run_id=" + safe(ti.runId()) + "/task_id=" + safe(ti.taskId())
                + "/attempt=" + tryNumber + ".log";
    }

    private static String safe(String id) {
        return UNSAFE.matcher(id).replaceAll("_");
    }
}
