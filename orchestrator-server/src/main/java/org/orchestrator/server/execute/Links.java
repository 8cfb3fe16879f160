package org.orchestrator.server.execute;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links into the dashboard for callback events: a try's log page and a run's grid. The base is
 * {@code ORCHESTRATOR_BASE_URL} when set (the address people reach the server at, behind a proxy
 * for instance), else {@code http://localhost:<port>} once the web server has started.
 */
public final class Links {

    private final String configured;
    private volatile String base;

    /** @param configured the configured base URL, or null or blank for none */
    public Links(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : stripSlash(configured.strip());
        this.base = this.configured;
    }

    /** @param port the port the web server listens on; used when no base URL is configured */
    public void serverStarted(int port) {
        if (configured == null) {
            base = "http://localhost:" + port;
        }
    }

    /** @return the dashboard page of a task showing that try's log, when the address is known */
    public Optional<String> tryLog(String dagId, String runId, String taskId, int tryNumber) {
        return Optional.ofNullable(base).map(b -> b + "/dags/" + enc(dagId) + "/runs/" + enc(runId) + "/tasks/" + enc(taskId)
                + "?try=" + tryNumber);
    }

    /** @return the DAG's grid with that run selected, when the address is known */
    public Optional<String> run(String dagId, String runId) {
        return Optional.ofNullable(base).map(b -> b + "/dags/" + enc(dagId) + "?run_id=" + enc(runId));
    }

    private static String enc(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
