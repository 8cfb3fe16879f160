package org.orchestrator.server.ops;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.orchestrator.server.internal.Passwords;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.ApiTokens;
import org.orchestrator.server.state.TokenRow;
import org.orchestrator.server.state.Users;

/**
 * API tokens as stored. A token reads {@code orc_<prefix>_<secret>}: the prefix finds its row, the
 * whole token is checked against its SHA-256 ({@link Passwords#tokenHash}). The token is in the
 * answer to its creation and nowhere else. Works inside an action's transaction ({@link AccountActions}).
 */
final class TokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final ApiTokens tokens = new ApiTokens();
    private final Users users = new Users();

    TokenIssuer(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param username an existing user; the token acts as this user
     * @param name     what the token is for (may be null)
     * @return the new token, the only time it is shown
     * @throws IllegalArgumentException when the user does not exist or the name is too long
     */
    AccountActions.NewToken create(Tx h, String username, String name) {
        if (name != null && name.length() > 250) {
            throw new IllegalArgumentException("a token name may have at most 250 characters");
        }
        if (users.find(h, username).isEmpty()) {
            throw new IllegalArgumentException("no user '" + username + "'");
        }
        String prefix = HexFormat.of().formatHex(randomBytes(6));
        String token = "orc_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        return new AccountActions.NewToken(tokens.insert(h, prefix, Passwords.tokenHash(token), username, name,
                clock.instant()), token);
    }

    /** @return the user the token acts as, if the token exists */
    Optional<String> owner(Tx h, long id) {
        return tokens.byId(h, id).map(TokenRow::username);
    }

    /** @return true if the token was valid and is now revoked */
    boolean revoke(Tx h, long id) {
        return tokens.revoke(h, id, clock.instant());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
