package org.orchestrator.server.http.auth;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.ops.Credentials;
import org.orchestrator.server.state.TokenRow;

/** Users and tokens for the operations layer, as {@link UserAdmin} and {@link TokenAdmin} keep them. */
public final class StoredCredentials implements Credentials {

    private final UserAdmin users;
    private final TokenAdmin tokens;

    /** @param jdbi the database @param clock time of creation and revocation */
    public StoredCredentials(Jdbi jdbi, Clock clock) {
        this.users = new UserAdmin(jdbi, clock);
        this.tokens = new TokenAdmin(jdbi, clock);
    }

    @Override
    public void createUser(Handle h, String username, String password, String role) {
        users.create(h, username, password, role);
    }

    @Override
    public boolean deleteUser(Handle h, String username) {
        return users.delete(h, username);
    }

    @Override
    public NewToken createToken(Handle h, String username, String name) {
        TokenAdmin.Created created = tokens.create(h, username, name);
        return new NewToken(created.id(), created.token());
    }

    @Override
    public Optional<String> tokenOwner(Handle h, long tokenId) {
        return tokens.find(h, tokenId).map(TokenRow::username);
    }

    @Override
    public boolean revokeToken(Handle h, long tokenId) {
        return tokens.revoke(h, tokenId);
    }
}
