package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The connection table; secrets are stored and read encrypted (connect/ConnectionStore encrypts and decrypts them). */
public final class Connections {

    private static final KeyedTable<Columns> READS =
            new KeyedTable<>("connection", "conn_id", Columns.NAMES, Columns.MAPPER);

    /**
     * A connection's columns as stored.
     *
     * @param id          conn_id
     * @param type        conn_type
     * @param url         URL without credentials
     * @param login       login, or null
     * @param password    encrypted password, or null
     * @param extra       encrypted extras (a JSON object), or null
     * @param description what it is for, or null
     */
    public record Columns(String id, String type, String url, String login, String password, String extra,
                          String description) {
        static final String NAMES = "conn_id, conn_type, url, login, password, extra, description";

        static final RowMapper<Columns> MAPPER = (rs, ctx) -> new Columns(rs.getString("conn_id"), rs.getString("conn_type"),
                rs.getString("url"), rs.getString("login"), rs.getString("password"), rs.getString("extra"),
                rs.getString("description"));
    }

    /** @return reads of the connections by id, secrets still encrypted: one, a page, the count */
    public KeyedTable<Columns> reads() {
        return READS;
    }

    /** @return true when a connection with that id exists */
    public boolean exists(Tx h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM connection WHERE conn_id = :id").bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /** Inserts a connection whose id is free. */
    public void insert(Tx h, Columns c, Instant now) {
        h.createUpdate("INSERT INTO connection (conn_id, conn_type, url, login, password, extra, description, updated_at) "
                        + "VALUES (:id, :type, :url, :login, :password, :extra, :description, :now)")
                .bindMethods(c).bind("now", now).execute();
    }

    /** Replaces a connection, possibly under a new id; @return false when there was none with {@code oldId} */
    public boolean update(Tx h, String oldId, Columns c, Instant now) {
        return h.createUpdate("UPDATE connection SET conn_id = :id, conn_type = :type, url = :url, login = :login, "
                        + "password = :password, extra = :extra, description = :description, updated_at = :now WHERE conn_id = :old")
                .bindMethods(c).bind("now", now).bind("old", oldId).execute() == 1;
    }

    /** @return true when the connection existed */
    public boolean delete(Tx h, String id) {
        return h.createUpdate("DELETE FROM connection WHERE conn_id = :id").bind("id", id).execute() == 1;
    }
}
