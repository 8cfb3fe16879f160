package org.orchestrator.server.http.auth;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.state.Users;

/**
 * Creates, lists and deletes users (the CLI's {@code users} commands). Passwords are stored only
 * as Argon2id hashes.
 *
 * <pre>{@code
 * UserAdmin users = new UserAdmin(orchestrator.database().transactions(), Clock.systemUTC());
 * users.create("alice", "s3cret-passphrase", "op");
 * }</pre>
 */
public final class UserAdmin {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,250}");

    private final Transactions db;
    private final Clock clock;
    private final Users users = new Users();

    /** @param db the database @param clock time of creation */
    public UserAdmin(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param username 1-250 letters, digits or {@code _ . @ + -}
     * @param password clear text, not empty; only its hash is stored
     * @param role     {@code admin}, {@code op} or {@code viewer}
     * @throws IllegalArgumentException for a bad name, empty password, unknown role or taken name
     */
    public void create(String username, String password, String role) {
        Role checked = check(username, password, role);
        String hash = Passwords.hash(password);
        db.useTransaction(h -> store(h, username, hash, checked));
    }

    private static Role check(String username, String password, String role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("bad username '" + username + "': use 1-250 letters, digits, '_', '.', '@', '+' or '-'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password of user '" + username + "' must not be empty");
        }
        return Role.ofUser(role).orElseThrow(() ->
                new IllegalArgumentException("unknown role '" + role + "': use admin, op or viewer"));
    }

    /**
     * Creates a user in the caller's transaction.
     *
     * @see #create(String, String, String)
     */
    public void create(Tx h, String username, String password, String role) {
        Role checked = check(username, password, role);
        store(h, username, Passwords.hash(password), checked);
    }

    private void store(Tx h, String username, String hash, Role role) {
        if (users.find(h, username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' already exists");
        }
        users.create(h, username, hash, role.wireName(), clock.instant());
    }

    /** @param username a login @return true when the user exists */
    public boolean exists(String username) {
        return db.withHandle(h -> users.find(h, username).isPresent());
    }

    /** @return every user, by name (rows carry hashes, never passwords) */
    public List<Users.UserRow> list() {
        return db.withHandle(users::all);
    }

    /** @param username a login @return true if the user existed and was deleted */
    public boolean delete(String username) {
        return db.withHandle(h -> delete(h, username));
    }

    /** @param username a login @return true if the user existed and was deleted, in the caller's transaction */
    public boolean delete(Tx h, String username) {
        return users.delete(h, username);
    }
}
