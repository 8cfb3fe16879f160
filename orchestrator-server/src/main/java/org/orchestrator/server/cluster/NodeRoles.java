package org.orchestrator.server.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one server process does in a cluster. {@code server} is all three; any comma-separated mix
 * of {@code scheduler}, {@code worker} and {@code webserver} is allowed.
 *
 * <pre>{@code
 * NodeRoles roles = NodeRoles.parse("scheduler,webserver");   // schedules and serves, runs no tasks
 * }</pre>
 *
 * @param scheduler fires DAG schedules and retry timers (Quartz) and runs the repair sweep
 * @param worker    claims and runs task tries
 * @param webserver serves the dashboard and the REST API (every node serves {@code /health})
 */
public record NodeRoles(boolean scheduler, boolean worker, boolean webserver) {

    /** Everything in one process. */
    public static final NodeRoles SERVER = new NodeRoles(true, true, true);

    /**
     * @param text {@code server}, or a comma-separated list of {@code scheduler}, {@code worker}, {@code webserver}
     * @return the roles it names
     * @throws IllegalArgumentException naming the unknown role
     */
    public static NodeRoles parse(String text) {
        boolean scheduler = false;
        boolean worker = false;
        boolean webserver = false;
        for (String part : text.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "server" -> {
                    scheduler = true;
                    worker = true;
                    webserver = true;
                }
                case "scheduler" -> scheduler = true;
                case "worker" -> worker = true;
                case "webserver" -> webserver = true;
                default -> throw new IllegalArgumentException("unknown node role '" + part.trim()
                        + "' in '" + text + "': use server, or a comma-separated mix of scheduler, worker, webserver");
            }
        }
        return new NodeRoles(scheduler, worker, webserver);
    }

    /** @return the roles as stored in the node table, e.g. {@code scheduler,worker} */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>(3);
        if (scheduler) {
            names.add("scheduler");
        }
        if (worker) {
            names.add("worker");
        }
        if (webserver) {
            names.add("webserver");
        }
        return String.join(",", names);
    }
}
