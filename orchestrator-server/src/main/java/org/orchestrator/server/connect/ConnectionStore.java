package org.orchestrator.server.connect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
import org.orchestrator.api.Connection;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.Connections;

/**
 * Connections in the database. The password and the extras (as one JSON object) are stored
 * encrypted; id, type, URL, login and description are plain so they can be listed and searched.
 */
public final class ConnectionStore {

    private final SecretCipher cipher;
    private final Connections rows = new Connections();

    /**
     * A stored connection.
     *
     * @param connection  the connection, secrets decrypted
     * @param description what it is for, or null
     */
    public record Stored(Connection connection, String description) {
    }

    /**
     * A connection as listed: no secrets, nothing decrypted.
     *
     * @param id          id
     * @param type        type
     * @param url         URL
     * @param login       login
     * @param description description
     */
    public record Listed(String id, String type, String url, String login, String description) {
    }

    /** @param cipher encrypts and decrypts the secret columns */
    public ConnectionStore(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @return the connection, secrets decrypted */
    public Optional<Stored> find(Tx h, String id) {
        return rows.reads().find(h, id).map(c -> new Stored(new Connection(c.id(), c.type(), c.url(), c.login(),
                cipher.decrypt(c.password(), "password of connection '" + id + "'"), extras(c.extra(), id)), c.description()));
    }

    /** @return one page of connections by id, without secrets */
    public List<Listed> list(Tx h, int limit, int offset) {
        return rows.reads().page(h, limit, offset).stream()
                .map(c -> new Listed(c.id(), c.type(), c.url(), c.login(), c.description())).toList();
    }

    /** @return how many connections are stored */
    public long count(Tx h) {
        return rows.reads().count(h);
    }

    /** Inserts a connection; @return false when one with that id exists */
    public boolean insert(Tx h, Connection c, String description, Instant now) {
        if (rows.exists(h, c.id())) {
            return false;
        }
        rows.insert(h, columns(c, description), now);
        return true;
    }

    /**
     * Replaces a connection, possibly under a new id.
     *
     * @return false when there was none with {@code oldId}
     */
    public boolean update(Tx h, String oldId, Connection c, String description, Instant now) {
        return rows.update(h, oldId, columns(c, description), now);
    }

    /** @return true when the connection existed */
    public boolean delete(Tx h, String id) {
        return rows.delete(h, id);
    }

    /** @return the columns as stored: secrets encrypted, empty ones as null */
    private Connections.Columns columns(Connection c, String description) {
        return new Connections.Columns(c.id(), c.type(), c.url(), c.login(),
                c.password().isEmpty() ? null : cipher.encrypt(c.password()),
                c.extra().isEmpty() ? null : cipher.encrypt(Json.write(c.extra())), description);
    }

    private Map<String, String> extras(String stored, String id) {
        String json = cipher.decrypt(stored, "extra of connection '" + id + "'");
        return json == null ? Map.of() : ConnectionSpecs.extras(id, Json.MAPPER.valueToTree(Json.objectOf(json)));
    }
}
