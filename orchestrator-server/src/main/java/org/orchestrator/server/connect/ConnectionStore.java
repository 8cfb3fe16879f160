package org.orchestrator.server.connect;

import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.state.Reads;
import org.orchestrator.api.Connection;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.Connections;

/**
 * Connections in the database as the server reads them. The password and the extras (as one JSON
 * object) are stored encrypted; id, type, URL, login and description are plain so they can be
 * listed and searched. Writes are the operations layer's ({@code ops.ConnectionActions}), which
 * seals a connection here first.
 */
public final class ConnectionStore {

    private final Reads reads;
    private final SecretCipher cipher;

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

    /** @param reads the database's read side @param cipher decrypts the secret columns */
    public ConnectionStore(Reads reads, SecretCipher cipher) {
        this.reads = reads;
        this.cipher = cipher;
    }

    /** @return the connection, secrets decrypted */
    public Optional<Stored> find(String id) {
        return reads.connection(id).map(c -> new Stored(new Connection(c.id(), c.type(), c.url(),
                c.login(), cipher.decrypt(c.password(), "password of connection '" + id + "'"), extras(c.extra(), id)),
                c.description()));
    }

    /** @return one page of connections by id, without secrets, and how many there are */
    public Listing<Listed> page(int limit, int offset) {
        return reads.connections(limit, offset).map(c -> new Listed(c.id(), c.type(), c.url(), c.login(), c.description()));
    }

    /** @return the columns to store: secrets encrypted with the cipher, empty ones as null */
    public static Connections.Columns sealed(SecretCipher cipher, Connection c, String description) {
        return new Connections.Columns(c.id(), c.type(), c.url(), c.login(),
                c.password().isEmpty() ? null : cipher.encrypt(c.password()),
                c.extra().isEmpty() ? null : cipher.encrypt(Json.write(c.extra())), description);
    }

    private Map<String, String> extras(String stored, String id) {
        String json = cipher.decrypt(stored, "extra of connection '" + id + "'");
        return json == null ? Map.of() : ConnectionSpecs.extras(id, Json.MAPPER.valueToTree(Json.objectOf(json)));
    }
}
