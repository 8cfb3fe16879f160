package org.orchestrator.server.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.internal.Json;

/**
 * Reads a connection written as one string, as in {@code ORCHESTRATOR_CONN_<ID>} or
 * {@code connections add --conn-uri}:
 * <ul>
 *   <li>a JDBC URL, taken as it is ({@code jdbc:h2:/data/analytics}) but for a password in it,
 *       which moves to the password field (see {@link UrlCredentials});</li>
 *   <li>a URI {@code scheme://login:password@host:port/path?key=value}: login and password are
 *       URL-decoded; {@code postgres(ql)}, {@code mysql} and {@code mariadb} become a JDBC URL
 *       (query kept), other schemes keep {@code scheme://host:port/path} and turn the query into
 *       extras ({@code https://u:p@api.example.com/v1?token=t});</li>
 *   <li>Airflow's JSON form: {@code {"conn_type": "http", "host": "api.example.com", "port": 443,
 *       "schema": "v1", "login": "u", "password": "p", "extra": {"token": "t"}}}, or with a
 *       {@code "url"} instead of host, port and schema.</li>
 * </ul>
 */
public final class ConnectionSpecs {

    private static final Set<String> JDBC_SCHEMES = Set.of("postgres", "postgresql", "mysql", "mariadb");

    private ConnectionSpecs() {
    }

    /**
     * @param id   the connection's id
     * @param spec a JDBC URL, a URI or a JSON object
     * @return the connection
     * @throws OrchestratorException naming the id when the text is none of those
     */
    public static Connection parse(String id, String spec) {
        return credentialsOutOfUrl(parseAsWritten(id, spec));
    }

    private static Connection parseAsWritten(String id, String spec) {
        String text = spec.strip();
        if (text.startsWith("{")) {
            return fromJson(id, text);
        }
        if (text.startsWith("jdbc:")) {
            return new Connection(id, "jdbc", text, "", "", Map.of());
        }
        try {
            return fromUri(id, text);
        } catch (IllegalArgumentException e) {
            throw new OrchestratorException("connection '" + id + "' has a malformed %-escape in its URI");
        }
    }

    /**
     * A password written into the URL ({@code jdbc:postgresql://db/x?user=etl&password=…},
     * {@code jdbc:h2:/data/x;PASSWORD=…}) moves to the password field, which is encrypted at rest,
     * never shown and masked in task logs; the user beside it becomes the login. The URL keeps
     * every other parameter.
     */
    private static Connection credentialsOutOfUrl(Connection c) {
        UrlCredentials found = UrlCredentials.split(c.url());
        if (!found.hasPassword()) {
            return c;
        }
        if (!c.password().isEmpty() && !c.password().equals(found.password())) {
            throw new OrchestratorException("connection '" + c.id() + "' has one password in its URL and another one "
                    + "beside it; give it once");
        }
        if (!c.login().isEmpty() && !found.user().isEmpty() && !c.login().equals(found.user())) {
            throw new OrchestratorException("connection '" + c.id() + "' has one user in its URL and another login "
                    + "beside it; give it once");
        }
        String login = c.login().isEmpty() ? found.user() : c.login();
        return new Connection(c.id(), c.type(), found.url(), login, found.password(), c.extra());
    }

    private static Connection fromUri(String id, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // the reason and index only: the message would quote the whole URI, password included
            throw new OrchestratorException("connection '" + id + "' is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new OrchestratorException("connection '" + id + "' must look like scheme://[login:password@]host[:port][/path]"
                    + ", a jdbc: URL or a JSON object; got " + describe(text));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String[] user = userInfo(uri.getRawUserInfo());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String hostPort = hostPort(uri.getHost(), uri.getPort());
        if (JDBC_SCHEMES.contains(scheme)) {
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Connection(id, "jdbc", "jdbc:" + jdbcScheme(scheme) + "://" + hostPort + path + query,
                    user[0], user[1], Map.of());
        }
        return new Connection(id, typeOf(scheme), scheme + "://" + hostPort + path, user[0], user[1], query(uri.getRawQuery()));
    }

    /**
     * Refuses a URL that carries a password, whatever its scheme ({@code https://user:pw@host},
     * {@code jdbc:postgresql://db/x?password=pw}, {@code jdbc:h2:/data/x;PASSWORD=pw}; see
     * {@link UrlCredentials}): the URL is stored and shown in clear, so credentials belong in the
     * login and password fields.
     *
     * @param id  the connection, for the message
     * @param url the URL given for it
     * @return the URL
     */
    public static String withoutCredentials(String id, String url) {
        if (UrlCredentials.split(url).hasPassword()) {
            throw new OrchestratorException("the url of connection '" + id + "' holds a password; give it as the "
                    + "password (and the user as the login) and send the url without them");
        }
        return url;
    }

    /**
     * Builds a URL from Airflow's separate fields.
     *
     * @param type   the connection type
     * @param host   host name (may be empty)
     * @param port   port, or null
     * @param schema Airflow's schema (a database, or a base path), or null
     * @return the URL our connections carry
     */
    public static String urlOf(String type, String host, Integer port, String schema) {
        String lower = type.toLowerCase(Locale.ROOT);
        String path = schema == null || schema.isBlank() ? "" : "/" + schema;
        String hostPort = hostPort(host, port == null ? -1 : port);
        if (JDBC_SCHEMES.contains(lower)) {
            return "jdbc:" + jdbcScheme(lower) + "://" + hostPort + path;
        }
        return lower + "://" + hostPort + path;
    }

    private static Connection fromJson(String id, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new OrchestratorException("connection '" + id + "' is not valid JSON: " + e.getOriginalMessage());
        }
        String type = text(node, "conn_type");
        if (type.isEmpty()) {
            throw new OrchestratorException("connection '" + id + "' as JSON needs a \"conn_type\"");
        }
        String url = text(node, "url");
        if (url.isEmpty()) {
            url = urlOf(type, text(node, "host"), node.hasNonNull("port") ? node.get("port").asInt() : null, text(node, "schema"));
        }
        return new Connection(id, JDBC_SCHEMES.contains(type) ? "jdbc" : type, url, text(node, "login"),
                text(node, "password"), extras(id, node.get("extra")));
    }

    /**
     * @param id    the connection, for the message
     * @param extra a JSON object (or its text) of settings
     * @return the settings as strings
     */
    public static Map<String, String> extras(String id, JsonNode extra) {
        if (extra == null || extra.isNull()) {
            return Map.of();
        }
        JsonNode object = extra;
        if (extra.isTextual()) {
            if (extra.asText().isBlank()) {
                return Map.of();
            }
            try {
                object = Json.MAPPER.readTree(extra.asText());
            } catch (JsonProcessingException e) {
                throw new OrchestratorException("the extra of connection '" + id + "' is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!object.isObject()) {
            throw new OrchestratorException("the extra of connection '" + id + "' must be a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String[] userInfo(String raw) {
        if (raw == null) {
            return new String[] {"", ""};
        }
        int colon = raw.indexOf(':');
        return colon < 0 ? new String[] {decode(raw), ""}
                : new String[] {decode(raw.substring(0, colon)), decode(raw.substring(colon + 1))};
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String hostPort(String host, int port) {
        String h = host == null ? "" : host;
        return port < 0 ? h : h + ":" + port;
    }

    private static String jdbcScheme(String scheme) {
        return scheme.equals("postgres") ? "postgresql" : scheme;
    }

    private static String typeOf(String scheme) {
        return switch (scheme) {
            case "https" -> "http";
            case "smtps" -> "smtp";
            default -> scheme.replace('-', '_');
        };
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Never echoes a password back: only the scheme-ish start of the text. */
    private static String describe(String text) {
        return "'" + text.replaceAll("[:/]{1,3}.*$", "") + "…'";
    }
}
