package org.orchestrator.server.ops;

/**
 * Who asks for an operator action, as the audit log records it.
 *
 * <pre>{@code
 * Actor.user("alice", Actor.Via.API, "10.0.0.7");   // HTTP Basic
 * Actor.cli();                                      // cli:<os user>
 * }</pre>
 *
 * @param name     the audit row's {@code username}: the user (also when a token or a dashboard
 *                 session acts for them) or {@code cli:<os user>}
 * @param via      how the action arrived; decides the audit event's prefix
 * @param sourceIp the client's address, or null for the command line
 */
public record Actor(String name, Via via, String sourceIp) {

    /** How an action arrived. */
    public enum Via {
        /** REST API with HTTP Basic. */
        API("api."),
        /** REST API with a Bearer token; the token acts as its user. */
        TOKEN("api."),
        /** The dashboard, calling the REST API with its session. */
        SESSION("api."),
        /** The {@code orchestrator} command line on the database's host. */
        CLI("cli.");

        private final String eventPrefix;

        Via(String eventPrefix) {
            this.eventPrefix = eventPrefix;
        }

        /** @return the prefix of its audit events ({@code api.} or {@code cli.}) */
        public String eventPrefix() {
            return eventPrefix;
        }
    }

    /** @return a user acting over HTTP */
    public static Actor user(String username, Via via, String sourceIp) {
        return new Actor(username, via, sourceIp);
    }

    /** @return the operating-system user running this command line, as {@code cli:<os user>} */
    public static Actor cli() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), Via.CLI, null);
    }

    /** @param action e.g. {@code post_dag_run} @return the audit event, e.g. {@code api.post_dag_run} */
    String event(String action) {
        return via.eventPrefix() + action;
    }
}
