package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Creating and deleting users, creating and revoking API tokens. A token is in the answer to its
 * creation and nowhere else, never in the audit log.
 */
public final class AccountActions {

    private final Ground ground;
    private final UserAccounts users;
    private final TokenIssuer tokens;

    AccountActions(Ground ground) {
        this.ground = ground;
        this.users = new UserAccounts(ground.clock());
        this.tokens = new TokenIssuer(ground.clock());
    }

    /**
     * A new token.
     *
     * @param id    its id, to revoke it
     * @param token the token: shown once, stored nowhere
     */
    public record NewToken(long id, String token) {
        @Override
        public String toString() {
            return "NewToken[id=" + id + ", token=****]";
        }
    }

    /** @throws OperationException (invalid) for a bad or taken name, an empty password or an unknown role */
    public void createUser(Actor actor, String username, String password, String role) {
        ground.audited(actor, h -> {
            refused(() -> {
                users.create(h, username, password, role);
                return username;
            });
            return new Ground.Done<>(null, AuditTrail.Entry.of("post_user", pair("username", username, "role", role)));
        });
    }

    /** @throws OperationException (invalid) for an unknown role, (not found) when there is no such user */
    public void changeRole(Actor actor, String username, String role) {
        ground.audited(actor, h -> {
            if (!refused(() -> users.changeRole(h, username, role))) {
                throw OperationException.notFound("user " + OperationException.quote(username) + " not found");
            }
            return new Ground.Done<>(null, AuditTrail.Entry.of("patch_user", pair("username", username, "role", role)));
        });
    }

    /** @throws OperationException (not found) when there is no such user */
    public void deleteUser(Actor actor, String username) {
        ground.audited(actor, h -> {
            if (!users.delete(h, username)) {
                throw OperationException.notFound("user " + OperationException.quote(username) + " not found");
            }
            return new Ground.Done<>(null, AuditTrail.Entry.of("delete_user", Map.of("username", username)));
        });
    }

    /**
     * @param owner the user the token acts as
     * @param name  what it is for, or null
     * @return the token, shown only now
     */
    public NewToken createToken(Actor actor, String owner, String name) {
        return ground.audited(actor, h -> {
            NewToken created = refused(() -> tokens.create(h, owner, name));
            return new Ground.Done<>(created, AuditTrail.Entry.of("post_token", pair("token_id", created.id(), "username", owner)));
        });
    }

    /**
     * Revokes a token; revoking one already revoked changes nothing but is still audited.
     *
     * @return true if it was valid until now
     * @throws OperationException (not found) when there is no such token
     */
    public boolean revokeToken(Actor actor, long tokenId) {
        return ground.audited(actor, h -> {
            String owner = tokens.owner(h, tokenId)
                    .orElseThrow(() -> OperationException.notFound("token " + tokenId + " not found"));
            return new Ground.Done<>(tokens.revoke(h, tokenId), AuditTrail.Entry.of("delete_token",
                    pair("token_id", tokenId, "username", owner)));
        });
    }

    /** The credential layer's refusals become the operations' own. */
    private static <T> T refused(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw OperationException.invalid(e.getMessage());
        }
    }

    private static Map<String, Object> pair(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(key1, value1);
        extra.put(key2, value2);
        return extra;
    }
}
