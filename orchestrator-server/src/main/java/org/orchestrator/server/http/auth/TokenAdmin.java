package org.orchestrator.server.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.state.ApiTokens;
import org.orchestrator.server.state.TokenRow;
import org.orchestrator.server.state.Users;

/**
 * Creates, lists and revokes API tokens (the CLI's {@code tokens} commands and
 * {@code /api/v1/tokens}). A token reads {@code orc_<prefix>_<secret>}: the prefix finds its row,
 * the whole token is checked against a SHA-256 hash. The token is returned once, at creation.
 *
 * <pre>{@code
 * TokenAdmin tokens = new TokenAdmin(orchestrator.database().transactions(), Clock.systemUTC());
 * TokenAdmin.Created ci = tokens.create("alice", "ci pipeline");
 * System.out.println(ci.token());   // shown once: store it now
 * tokens.revoke(ci.id());
 * }</pre>
 */
public final class TokenAdmin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transactions db;
    private final Clock clock;
    private final ApiTokens tokens = new ApiTokens();
    private final Users users = new Users();

    /** @param db the database @param clock time of creation and revocation */
    public TokenAdmin(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A new token.
     *
     * @param id    its id, to revoke it
     * @param token the token: shown once, stored nowhere
     */
    public record Created(long id, String token) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", token=****]";
        }
    }

    /**
     * @param username an existing user; the token acts as this user
     * @param name     what the token is for (may be null)
     * @return the new token, the only time it is shown
     * @throws IllegalArgumentException when the user does not exist or the name is too long
     */
    public Created create(String username, String name) {
        return db.inTransaction(h -> create(h, username, name));
    }

    /**
     * Creates a token in the caller's transaction.
     *
     * @see #create(String, String)
     */
    public Created create(Tx h, String username, String name) {
        if (name != null && name.length() > 250) {
            throw new IllegalArgumentException("a token name may have at most 250 characters");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String prefix = HexFormat.of().formatHex(randomBytes(6));
        String token = "orc_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        if (users.find(h, username).isEmpty()) {
            throw new IllegalArgumentException("no user '" + username + "'");
        }
        return new Created(tokens.insert(h, prefix, sha256(token), username, name, clock.instant()), token);
    }

    /** @param username a user, or null for every user @return their tokens, revoked ones included */
    public List<TokenRow> list(String username) {
        return db.withHandle(h -> tokens.all(h, username));
    }

    /** @param id a token's id @return the token, if it exists */
    public Optional<TokenRow> find(long id) {
        return db.withHandle(h -> find(h, id));
    }

    /** @param id a token's id @return the token, if it exists, read in the caller's transaction */
    public Optional<TokenRow> find(Tx h, long id) {
        return tokens.byId(h, id);
    }

    /** @param id a token's id @return true if it was valid and is now revoked */
    public boolean revoke(long id) {
        return db.withHandle(h -> revoke(h, id));
    }

    /** @param id a token's id @return true if it was valid and is now revoked, in the caller's transaction */
    public boolean revoke(Tx h, long id) {
        return tokens.revoke(h, id, clock.instant());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
