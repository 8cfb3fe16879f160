package org.orchestrator.server.http.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (OWASP's baseline: 19 MiB, 2 iterations, 1 lane). Hashes are PHC
 * strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) carrying their own salt and
 * parameters, so stronger settings later still verify older hashes.
 */
final class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

    /**
     * A hash of a password nobody has: checked when the user does not exist, so an unknown name
     * costs as much time as a wrong password and timing does not reveal which names exist.
     */
    private static final String DECOY = hash("decoy password, never valid");

    private Passwords() {
    }

    /** @param password clear text @return its Argon2id PHC hash with a random salt */
    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /**
     * @param password clear text
     * @param phcHash  a stored hash, or null for an unknown user
     * @return true when the password matches
     */
    static boolean verify(String password, String phcHash) {
        if (phcHash == null || !phcHash.startsWith("$argon2")) {
            ARGON2ID.check(password, DECOY);
            return false;
        }
        try {
            return Argon2Function.getInstanceFromHash(phcHash).check(password, phcHash);
        } catch (RuntimeException e) {
            // A corrupt stored hash is a failed login, not a server error.
            return false;
        }
    }
}
