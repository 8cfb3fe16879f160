package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Writes to the api_token table: hashes only, never a token. */
public final class ApiTokens {

    /** @return the new token's id */
    public long insert(Handle h, String prefix, String hash, String username, String name, Instant now) {
        return h.createUpdate("INSERT INTO api_token (prefix, token_hash, username, name, created_at) "
                        + "VALUES (:prefix, :hash, :user, :name, :now)")
                .bind("prefix", prefix).bind("hash", hash).bind("user", username).bind("name", name).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return true if the token was valid and is now revoked */
    public boolean revoke(Handle h, long id, Instant now) {
        return h.createUpdate("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("now", now).execute() == 1;
    }
}
