package org.orchestrator.server.http.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.api.Connection;
import org.orchestrator.server.connect.ConnectionStore;
import org.orchestrator.server.connect.SecretMasker;
import org.orchestrator.server.connect.UrlCredentials;
import org.orchestrator.server.internal.Json;

/**
 * Airflow's connection objects. Our connections carry one {@code url}; Airflow's {@code host},
 * {@code port} and {@code schema} are read from it ({@code schema} is the URL's path without its
 * leading slash: the database of a JDBC URL, a base path for HTTP) and are null when the URL has
 * no such part (e.g. {@code jdbc:h2:/data/x}). The password is never returned (nor one a URL stored
 * before passwords were refused in URLs still holds: it reads {@code ***}); the extras are,
 * with the values of secret-looking names shown as {@code ***}.
 */
final class ConnectionViews {

    private ConnectionViews() {
    }

    /** Airflow's {@code ConnectionCollectionItem}, plus {@code url}. */
    record ConnectionCollectionItemView(String connectionId, String connType, String description, String host,
                                        String login, String schema, Integer port, String url) {
        static ConnectionCollectionItemView of(ConnectionStore.Listed c) {
            Parts p = Parts.of(c.url());
            return new ConnectionCollectionItemView(c.id(), c.type(), c.description(), p.host(), c.login(), p.schema(),
                    p.port(), UrlCredentials.masked(c.url()));
        }
    }

    /** Airflow's {@code Connection} (the password is write-only), plus {@code url}. */
    record ConnectionView(String connectionId, String connType, String description, String host, String login,
                          String schema, Integer port, String url, String extra) {
        static ConnectionView of(ConnectionStore.Stored stored) {
            Connection c = stored.connection();
            Parts p = Parts.of(c.url());
            return new ConnectionView(c.id(), c.type(), stored.description(), p.host(), c.login(), p.schema(), p.port(),
                    UrlCredentials.masked(c.url()), c.extra().isEmpty() ? null : Json.write(masked(c.extra())));
        }
    }

    private static Map<String, String> masked(Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(k, SecretMasker.isSensitive(k) ? SecretMasker.MASK : v));
        return out;
    }

    /** Host, port and schema of a URL, where it has them. */
    record Parts(String host, Integer port, String schema) {
        static Parts of(String url) {
            try {
                URI uri = new URI(url.startsWith("jdbc:") ? url.substring(5) : url);
                String path = uri.getPath();
                return new Parts(uri.getHost(), uri.getPort() < 0 ? null : uri.getPort(),
                        path == null || path.length() <= 1 ? null : path.substring(1));
            } catch (URISyntaxException e) {
                return new Parts(null, null, null);
            }
        }
    }
}
