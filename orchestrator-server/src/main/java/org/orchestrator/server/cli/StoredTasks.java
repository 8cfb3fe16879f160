package org.orchestrator.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of a DAG as its stored structure names them ({@link org.orchestrator.api.Dag#structure()}):
 * one line per task, {@code id<[upstream, ...]|trigger rule|retries|retry delay|timeout|pool|priority},
 * after a header line, typed-param lines ({@code param ...}) and, before a grouped task's line,
 * {@code id in group g}. Read so that {@code tasks list} needs no bundle loaded.
 */
final class StoredTasks {

    private static final String GROUP = " in group ";

    private StoredTasks() {
    }

    /** One task: its id, upstream ids, trigger rule, retries, pool, and group or empty. */
    record StoredTask(String id, List<String> upstream, String triggerRule, int retries, String pool, String group) {
    }

    static List<StoredTask> parse(String structure) {
        List<String> lines = structure.lines().skip(1).filter(line -> !line.startsWith("param ")).toList();
        Map<String, String> groups = new HashMap<>();
        lines.stream().filter(line -> line.contains(GROUP) && !line.contains("<"))
                .forEach(line -> groups.put(line.substring(0, line.indexOf(GROUP)), line.substring(line.indexOf(GROUP) + GROUP.length())));
        List<StoredTask> tasks = new ArrayList<>();
        for (String line : lines) {
            int open = line.indexOf("<[");
            int close = line.indexOf("]|", open);
            if (open <= 0 || close < 0) {
                continue;
            }
            String id = line.substring(0, open);
            String inside = line.substring(open + 2, close);
            String[] fields = line.substring(close + 2).split("\\|", -1);
            tasks.add(new StoredTask(id, inside.isEmpty() ? List.of() : List.of(inside.split(", ")), fields[0],
                    Integer.parseInt(fields[1]), fields[4], groups.getOrDefault(id, "")));
        }
        return tasks;
    }
}
