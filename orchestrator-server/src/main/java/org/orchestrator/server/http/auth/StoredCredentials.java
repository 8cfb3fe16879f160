package org.orchestrator.server.http.auth;

import java.time.Clock;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.ops.Credentials;
import org.orchestrator.server.state.TokenRow;

/** Users and tokens for the operations layer, as {@link UserAdmin} and {@link TokenAdmin} keep them. */
public final class StoredCredentials implements Credentials {

    private final UserAdmin users;
    private final TokenAdmin tokens;

    /** @param db the database @param clock time of creation and revocation */
    public StoredCredentials(Transactions db, Clock clock) {
        this.users = new UserAdmin(db, clock);
        this.tokens = new TokenAdmin(db, clock);
    }

    @Override
    public void createUser(Tx h, String username, String password, String role) {
        users.create(h, username, password, role);
    }

    @Override
    public boolean deleteUser(Tx h, String username) {
        return users.delete(h, username);
    }

    @Override
    public NewToken createToken(Tx h, String username, String name) {
        TokenAdmin.Created created = tokens.create(h, username, name);
        return new NewToken(created.id(), created.token());
    }

    @Override
    public Optional<String> tokenOwner(Tx h, long tokenId) {
        return tokens.find(h, tokenId).map(TokenRow::username);
    }

    @Override
    public boolean revokeToken(Tx h, long tokenId) {
        return tokens.revoke(h, tokenId);
    }
}
