package org.orchestrator.server.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.rules.MapExpansion;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.XComs;

/**
 * Reads what a mapped task expands over from its run (upstream XComs, the run's params) when the
 * run reaches the task; {@link MapExpansion} decides the rest.
 */
final class Expander {

    /** The system property an embedding program may set instead of the environment variable. */
    public static final String PROPERTY = "orchestrator.max.map.length";

    private final XComs xcoms = new XComs();
    private final int maxLength;

    /** @param maxLength the most instances one task may expand to ({@code ORCHESTRATOR_MAX_MAP_LENGTH}) */
    Expander(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * @param env the environment
     * @return the limit from {@code ORCHESTRATOR_MAX_MAP_LENGTH}, else from the system property
     * {@value #PROPERTY} (for an engine embedded in another program, such as the benchmark), else
     * Airflow's 1,024
     */
    static Expander fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault("ORCHESTRATOR_MAX_MAP_LENGTH", System.getProperty(PROPERTY));
        if (value == null || value.isBlank()) {
            return new Expander(MapExpansion.DEFAULT_MAX_LENGTH);
        }
        try {
            int max = Integer.parseInt(value.trim());
            if (max >= 1) {
                return new Expander(max);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("ORCHESTRATOR_MAX_MAP_LENGTH must be a whole number >= 1, got '" + value + "'");
    }

    /** @return the task's expansion in this run */
    MapExpansion resolve(Handle h, DagRunRow run, Dag dag, TaskDefinition task) {
        return MapExpansion.resolve(task, new RunValues(h, run, dag), maxLength);
    }

    /** @return each instance's mapped arguments as JSON, by map index */
    static List<String> argsJson(MapExpansion expansion) {
        List<String> args = new ArrayList<>((int) expansion.length());
        for (int i = 0; i < expansion.length(); i++) {
            args.add(Json.write(expansion.argsAt(i)));
        }
        return args;
    }

    private final class RunValues implements MapExpansion.Lookup {
        private final Handle h;
        private final DagRunRow run;
        private final Dag dag;

        RunValues(Handle h, DagRunRow run, Dag dag) {
            this.h = h;
            this.run = run;
            this.dag = dag;
        }

        @Override
        public Optional<Object> xcom(String taskId, String key) {
            return xcoms.pull(h, run.id(), taskId, key).map(json -> Json.read(json, Object.class));
        }

        @Override
        public List<Object> xcomOfEachInstance(String taskId, String key) {
            return xcoms.pullAll(h, run.id(), taskId, key).stream().map(json -> Json.read(json, Object.class)).toList();
        }

        @Override
        public Optional<Object> param(String name) {
            Map<String, Object> params = new LinkedHashMap<>(dag.params());
            params.putAll(Json.objectOf(run.conf()));
            return Optional.ofNullable(params.get(name));
        }

        @Override
        public boolean isMapped(String taskId) {
            return dag.task(taskId).map(TaskDefinition::isMapped).orElse(false);
        }
    }
}
