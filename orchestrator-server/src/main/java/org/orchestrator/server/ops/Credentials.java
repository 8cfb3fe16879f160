package org.orchestrator.server.ops;

import java.util.Optional;
import org.orchestrator.server.state.Tx;

/**
 * Users and API tokens as the authentication layer keeps them (hashing, token format). The
 * operations call it inside their transaction; it throws {@link IllegalArgumentException} for
 * input it refuses.
 */
public interface Credentials {

    /** Creates a user; the password is stored only as a hash. */
    void createUser(Tx h, String username, String password, String role);

    /** @return true if the user existed */
    boolean deleteUser(Tx h, String username);

    /** @return the new token, the only time it is shown */
    NewToken createToken(Tx h, String username, String name);

    /** @return the user a token acts as, if the token exists */
    Optional<String> tokenOwner(Tx h, long tokenId);

    /** @return true if the token was valid and is now revoked */
    boolean revokeToken(Tx h, long tokenId);

    /**
     * A new token.
     *
     * @param id    its id
     * @param token the token: shown once, stored nowhere
     */
    record NewToken(long id, String token) {
        @Override
        public String toString() {
            return "NewToken[id=" + id + ", token=****]";
        }
    }
}
