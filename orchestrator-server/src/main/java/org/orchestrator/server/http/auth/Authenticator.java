package org.orchestrator.server.http.auth;

import org.orchestrator.server.internal.Passwords;
import java.time.Clock;
import java.util.Optional;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.Users;

/**
 * Turns an {@code Authorization} header into a {@link Principal}: HTTP Basic, checked against
 * the stored Argon2id hash, or {@code Bearer} with an API token (see {@code ops.AccountActions}). The
 * user row is read on every request, so deleting a user or changing a role takes effect at once.
 */
public final class Authenticator {

    private final Reads reads;
    private final CredentialCache cache;
    private final TokenCheck tokens;

    /** @param reads the database's read side @param clock time, for the verification cache */
    public Authenticator(Reads reads, Clock clock) {
        this.reads = reads;
        this.cache = new CredentialCache(clock);
        this.tokens = new TokenCheck(reads);
    }

    /** @param authorization the header, or null @return the user, when the credentials are valid */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(authorization.substring(7).trim())
                    .flatMap(reads::user).flatMap(Authenticator::principal);
        }
        return BasicCredentials.parse(authorization).flatMap(this::verify);
    }

    private Optional<Principal> verify(BasicCredentials credentials) {
        Optional<Users.UserRow> row = reads.user(credentials.username());
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
