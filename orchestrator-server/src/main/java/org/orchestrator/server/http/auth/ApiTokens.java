package org.orchestrator.server.http.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Reads of the api_token table (its writes are {@code state/ApiTokens}): hashes only, never a token. */
final class ApiTokens {

    private static final RowMapper<TokenRow> MAPPER = (rs, ctx) -> new TokenRow(rs.getLong("id"), rs.getString("prefix"),
            rs.getString("token_hash"), rs.getString("username"), rs.getString("name"), instant(rs.getObject("created_at",
            OffsetDateTime.class)), instant(rs.getObject("revoked_at", OffsetDateTime.class)));

    Optional<TokenRow> byPrefix(Handle h, String prefix) {
        return h.createQuery("SELECT * FROM api_token WHERE prefix = :prefix").bind("prefix", prefix).map(MAPPER).findOne();
    }

    Optional<TokenRow> byId(Handle h, long id) {
        return h.createQuery("SELECT * FROM api_token WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    List<TokenRow> all(Handle h, String username) {
        String where = username == null ? "" : " WHERE username = :user";
        var query = h.createQuery("SELECT * FROM api_token" + where + " ORDER BY id");
        if (username != null) {
            query.bind("user", username);
        }
        return query.map(MAPPER).list();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
