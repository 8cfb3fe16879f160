package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The api_token table: hashes only, never a token. */
public final class ApiTokens {

    private static final String COLUMNS = "id, prefix, token_hash, username, name, created_at, revoked_at";

    private static final RowMapper<TokenRow> MAPPER = (rs, ctx) -> new TokenRow(rs.getLong("id"), rs.getString("prefix"),
            rs.getString("token_hash"), rs.getString("username"), rs.getString("name"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "revoked_at"));

    /** Stores a new token's hash under its public prefix; @return the new token's id */
    public long insert(Tx h, String prefix, String hash, String username, String name, Instant now) {
        return h.createUpdate("INSERT INTO api_token (prefix, token_hash, username, name, created_at) "
                        + "VALUES (:prefix, :hash, :user, :name, :now)")
                .bind("prefix", prefix).bind("hash", hash).bind("user", username).bind("name", name).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return the token with this public prefix */
    public Optional<TokenRow> byPrefix(Tx h, String prefix) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_token WHERE prefix = :prefix").bind("prefix", prefix).map(MAPPER).findOne();
    }

    /** @return the token */
    public Optional<TokenRow> byId(Tx h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_token WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** @return the user's tokens, or everyone's when {@code username} is null, oldest first */
    public List<TokenRow> all(Tx h, String username) {
        String where = username == null ? "" : " WHERE username = :user";
        var query = h.createQuery("SELECT " + COLUMNS + " FROM api_token" + where + " ORDER BY id");
        if (username != null) {
            query.bind("user", username);
        }
        return query.map(MAPPER).list();
    }

    /** @return true if the token was valid and is now revoked */
    public boolean revoke(Tx h, long id, Instant now) {
        return h.createUpdate("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("now", now).execute() == 1;
    }
}
