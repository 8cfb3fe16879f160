package org.orchestrator.server.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.rules.MapExpansion;
import org.orchestrator.server.internal.Json;

/**
 * Expands a mapped task when the run reaches it, with the limit this server was configured with;
 * {@link MapExpansion} decides, from what {@link org.orchestrator.server.state.MapSources} reads.
 */
final class Expander {

    /** The system property an embedding program may set instead of the environment variable. */
    public static final String PROPERTY = "orchestrator.max.map.length";

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

    /** @param values the run's XComs and params @return the task's expansion in this run */
    MapExpansion resolve(MapExpansion.Lookup values, TaskDefinition task) {
        return MapExpansion.resolve(task, values, maxLength);
    }

    /** @return each instance's mapped arguments as JSON, by map index */
    static List<String> argsJson(MapExpansion expansion) {
        List<String> args = new ArrayList<>((int) expansion.length());
        for (int i = 0; i < expansion.length(); i++) {
            args.add(Json.write(expansion.argsAt(i)));
        }
        return args;
    }
}
