package org.orchestrator.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named connection to something a task reaches: a JDBC database, an HTTP endpoint, an SMTP
 * server, a webhook. The server resolves it from {@code ORCHESTRATOR_CONN_<ID>} or from its
 * database, where the secret parts are encrypted; values of {@link #password()} and of secret
 * {@link #extra()} entries are masked as {@code ***} in task logs.
 *
 * <pre>{@code
 * Connection db = ctx.connection("analytics");            // type "jdbc"
 * try (var c = DriverManager.getConnection(db.url(), db.login(), db.password())) { ... }
 * }</pre>
 *
 * @param id       the connection's id, e.g. {@code analytics}
 * @param type     what it connects to: {@code jdbc}, {@code http}, {@code smtp}, {@code webhook}, ...
 * @param url      where: a JDBC URL, an HTTP base URL, {@code smtp://host:port}, a webhook URL
 * @param login    the user name, or empty
 * @param password the password, or empty
 * @param extra    further settings (e.g. {@code from} for SMTP, {@code token} for HTTP), never null
 */
public record Connection(String id, String type, String url, String login, String password,
                         Map<String, String> extra) {

    /** Validates and copies the values. */
    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        login = Objects.requireNonNullElse(login, "");
        password = Objects.requireNonNullElse(password, "");
        extra = Map.copyOf(Objects.requireNonNullElse(extra, Map.of()));
    }

    /**
     * {@return its value, or empty}
     *
     * @param key an extra setting's name
     */
    public Optional<String> extra(String key) {
        return Optional.ofNullable(extra.get(key));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Connection[" + id + ", " + type + ", " + url + (login.isEmpty() ? "" : ", login=" + login) + "]";
    }
}
