package org.orchestrator.server.http.auth;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.state.Users;

/**
 * Turns an {@code Authorization} header into a {@link Principal}: HTTP Basic, checked against
 * the stored Argon2id hash, or {@code Bearer} with an API token (see {@link TokenAdmin}). The
 * user row is read on every request, so deleting a user or changing a role takes effect at once.
 */
public final class Authenticator {

    private final Jdbi jdbi;
    private final Users users = new Users();
    private final CredentialCache cache;
    private final TokenAdmin tokens;

    /** @param jdbi the database @param clock time, for the verification cache */
    public Authenticator(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.cache = new CredentialCache(clock);
        this.tokens = new TokenAdmin(jdbi, clock);
    }

    /** @param authorization the header, or null @return the user, when the credentials are valid */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(authorization.substring(7).trim())
                    .flatMap(user -> jdbi.withHandle(h -> users.find(h, user))).flatMap(Authenticator::principal);
        }
        return BasicCredentials.parse(authorization).flatMap(this::verify);
    }

    private Optional<Principal> verify(BasicCredentials credentials) {
        Optional<Users.UserRow> row = jdbi.withHandle(h -> users.find(h, credentials.username()));
        String hash = row.map(Users.UserRow::passwordHash).orElse(null);
        if (hash != null && cache.matches(credentials.username(), credentials.password(), hash)) {
            return row.flatMap(Authenticator::principal);
        }
        if (!Passwords.verify(credentials.password(), hash)) {
            return Optional.empty();
        }
        cache.remember(credentials.username(), credentials.password(), hash);
        return row.flatMap(Authenticator::principal);
    }

    /** A row with an unknown role logs in to nothing. */
    private static Optional<Principal> principal(Users.UserRow row) {
        return Role.ofUser(row.role()).map(role -> new Principal(row.username(), role));
    }
}
