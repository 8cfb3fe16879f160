package org.orchestrator.server.ops;

import java.util.Map;
import org.orchestrator.rules.ParamCheck;

/**
 * What a DAG version's stored structure ({@link org.orchestrator.api.Dag#structure()}) tells about
 * its params, for a trigger that has not loaded the DAG: whether any conf passes without the
 * definition. The structure names each typed param with its schema as text, not as JSON, so a
 * conf for a DAG with typed params is checked against the loaded definition instead.
 */
final class StoredParams {

    /** How {@code Dag.structure()} starts the line of a typed param. */
    private static final String TYPED_PARAM_LINE = "param ";
    /** How it names a task's group, on a line that may also start with "param " (a task named "param"). */
    private static final String GROUP_LINE = " in group ";

    private StoredParams() {
    }

    /**
     * @return true when every conf the params check would accept can be known from the structure
     *         alone: the DAG has no typed param, and unknown keys are allowed or there are none
     */
    static boolean decidable(String structure, Map<String, Object> conf, ParamCheck.UnknownKeys unknownKeys) {
        boolean typed = structure.lines().anyMatch(line -> line.startsWith(TYPED_PARAM_LINE) && !line.contains(GROUP_LINE));
        return !typed && (conf.isEmpty() || unknownKeys == ParamCheck.UnknownKeys.ALLOW);
    }
}
