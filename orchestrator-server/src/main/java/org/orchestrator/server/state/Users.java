package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users and their roles; only password hashes are stored. */
public final class Users {

    /**
     * @param username     login
     * @param passwordHash KDF hash (PHC string)
     * @param role         admin, op or viewer
     */
    public record UserRow(String username, String passwordHash, String role) {
    }

    /** Creates a user. */
    public void create(Tx h, String username, String passwordHash, String role, Instant now) {
        h.createUpdate("INSERT INTO app_user (username, password_hash, role, created_at) VALUES (:u, :p, :r, :now)")
                .bind("u", username).bind("p", passwordHash).bind("r", role).bind("now", now).execute();
    }

    /** @return the user */
    public Optional<UserRow> find(Tx h, String username) {
        return h.createQuery("SELECT username, password_hash, role FROM app_user WHERE username = :u").bind("u", username)
                .map((rs, ctx) -> new UserRow(rs.getString(1), rs.getString(2), rs.getString(3))).findOne();
    }

    /** @return all users */
    public List<UserRow> all(Tx h) {
        return h.createQuery("SELECT username, password_hash, role FROM app_user ORDER BY username")
                .map((rs, ctx) -> new UserRow(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** @return true if the user exists (and now holds the role) */
    public boolean setRole(Tx h, String username, String role) {
        return h.createUpdate("UPDATE app_user SET role = :r WHERE username = :u").bind("u", username).bind("r", role)
                .execute() == 1;
    }

    /** @return true if deleted */
    public boolean delete(Tx h, String username) {
        return h.createUpdate("DELETE FROM app_user WHERE username = :u").bind("u", username).execute() == 1;
    }
}
