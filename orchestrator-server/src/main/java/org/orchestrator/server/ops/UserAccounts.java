package org.orchestrator.server.ops;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.orchestrator.server.internal.Passwords;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Users;

/**
 * Users as stored: names checked, passwords kept only as Argon2id hashes. Works inside an
 * action's transaction ({@link AccountActions}), which writes the audit row.
 */
final class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,250}");
    /** The roles a user may hold, as stored (http.auth.Role gives them their meaning). */
    private static final List<String> ROLES = List.of("admin", "op", "viewer");

    private final Clock clock;
    private final Users users = new Users();

    UserAccounts(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param username 1-250 letters, digits or {@code _ . @ + -}
     * @param password clear text, not empty; only its hash is stored
     * @param role     {@code admin}, {@code op} or {@code viewer}
     * @throws IllegalArgumentException for a bad name, empty password, unknown role or taken name
     */
    void create(Tx h, String username, String password, String role) {
        check(username, password, role);
        if (users.find(h, username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' already exists");
        }
        users.create(h, username, Passwords.hash(password), role, clock.instant());
    }

    /**
     * @param role {@code admin}, {@code op} or {@code viewer}
     * @return true if the user exists
     * @throws IllegalArgumentException for an unknown role
     */
    boolean changeRole(Tx h, String username, String role) {
        checkRole(role);
        return users.setRole(h, username, role);
    }

    /** @return true if the user existed and was deleted */
    boolean delete(Tx h, String username) {
        return users.delete(h, username);
    }

    private static void check(String username, String password, String role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("bad username '" + username + "': use 1-250 letters, digits, '_', '.', '@', '+' or '-'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password of user '" + username + "' must not be empty");
        }
        checkRole(role);
    }

    private static void checkRole(String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "': use admin, op or viewer");
        }
    }
}
