package org.orchestrator.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.TaskDefinition;

/**
 * How a mapped task expands once its lists are known: one instance per element of the cross
 * product of its mapped arguments (the first argument varies slowest, as nested loops in
 * declaration order), skipped when that is empty, failed when it is longer than the limit
 * ({@code ORCHESTRATOR_MAX_MAP_LENGTH}, Airflow's {@code max_map_length}).
 *
 * @param names  the mapped arguments, in declaration order
 * @param lists  each argument's list
 * @param error  why the task cannot expand, or null
 */
public record MapExpansion(List<String> names, List<List<?>> lists, String error) {

    /** The default of {@code ORCHESTRATOR_MAX_MAP_LENGTH}, as Airflow's {@code max_map_length}. */
    public static final int DEFAULT_MAX_LENGTH = 1024;

    /** What becomes of the task. */
    public enum Verdict {
        /** Create {@link #length()} instances. */
        EXPAND,
        /** Nothing to map over: the task is skipped. */
        SKIP,
        /** The task fails with {@link #error()}. */
        FAIL
    }

    /** What the expansion reads its lists from (the run's XComs and params). */
    public interface Lookup {
        /** @return the value an unmapped task pushed, if any */
        Optional<Object> xcom(String taskId, String key);

        /** @return the values a mapped task's instances pushed, in map-index order */
        List<Object> xcomOfEachInstance(String taskId, String key);

        /** @return the param's value (the run's conf over the DAG's default), if any */
        Optional<Object> param(String name);

        /** @return true when the task is mapped */
        boolean isMapped(String taskId);
    }

    /**
     * @param task   a mapped task
     * @param lookup the run's values
     * @param maxLength the most instances a task may expand to
     * @return the expansion, or one carrying the reason it cannot happen
     */
    public static MapExpansion resolve(TaskDefinition task, Lookup lookup, int maxLength) {
        List<String> names = new ArrayList<>(task.expansions().keySet());
        List<List<?>> lists = new ArrayList<>();
        for (Map.Entry<String, MapSource> e : task.expansions().entrySet()) {
            Object value = valueOf(e.getValue(), lookup);
            if (!(value instanceof List<?> list)) {
                return failed(names, "task '" + task.id() + "' cannot expand '" + e.getKey() + "': " + describe(e.getValue())
                        + (value == null ? " has no value" : " is not a list but " + value));
            }
            lists.add(list);
        }
        MapExpansion expansion = new MapExpansion(names, lists, null);
        long length = expansion.length();
        if (length > maxLength) {
            return failed(names, "task '" + task.id() + "' expands to " + length + " instances, more than the limit of "
                    + maxLength + " (ORCHESTRATOR_MAX_MAP_LENGTH)");
        }
        return expansion;
    }

    /** @return what becomes of the task */
    public Verdict verdict() {
        if (error != null) {
            return Verdict.FAIL;
        }
        return length() == 0 ? Verdict.SKIP : Verdict.EXPAND;
    }

    /** @return how many instances: the product of the lists' sizes */
    public long length() {
        long n = 1;
        for (List<?> list : lists) {
            n *= list.size();
        }
        return error != null ? 0 : n;
    }

    /**
     * @param mapIndex 0..length-1
     * @return the mapped arguments of that instance, by name
     */
    public Map<String, Object> argsAt(int mapIndex) {
        Map<String, Object> args = new LinkedHashMap<>();
        long rest = mapIndex;
        // The last argument varies fastest: peel indexes off from the end.
        for (int i = lists.size() - 1; i >= 0; i--) {
            int size = lists.get(i).size();
            args.put(names.get(i), lists.get(i).get((int) (rest % size)));
            rest /= size;
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        names.forEach(n -> ordered.put(n, args.get(n)));
        return Collections.unmodifiableMap(ordered);
    }

    private static Object valueOf(MapSource source, Lookup lookup) {
        return switch (source) {
            case MapSource.Literal literal -> literal.values();
            case MapSource.FromParam param -> lookup.param(param.name()).orElse(null);
            case MapSource.FromXcom xcom -> lookup.isMapped(xcom.taskId())
                    ? lookup.xcomOfEachInstance(xcom.taskId(), xcom.key())
                    : lookup.xcom(xcom.taskId(), xcom.key()).orElse(null);
        };
    }

    private static String describe(MapSource source) {
        return switch (source) {
            case MapSource.Literal literal -> "the literal list";
            case MapSource.FromParam param -> "param '" + param.name() + "'";
            case MapSource.FromXcom xcom -> "XCom '" + xcom.key() + "' of task '" + xcom.taskId() + "'";
        };
    }

    private static MapExpansion failed(List<String> names, String error) {
        return new MapExpansion(names, List.of(), error);
    }
}
