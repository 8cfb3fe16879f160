package org.orchestrator.server.internal;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the server hashes what it must check but never keep: passwords with Argon2id (OWASP's
 * baseline: 19 MiB, 2 iterations, 1 lane) as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash})
 * carrying their own salt and parameters, so stronger settings later still verify older hashes;
 * API tokens, which are long random secrets, with SHA-256. The operations layer hashes, the
 * authentication layer verifies.
 */
public final class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

    /**
     * A hash of a password nobody has: checked when the user does not exist, so an unknown name
     * costs as much time as a wrong password and timing does not reveal which names exist.
     */
    private static final String DECOY = hash("decoy password, never valid");

    private Passwords() {
    }

    /** @param password clear text @return its Argon2id PHC hash with a random salt */
    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /**
     * @param password clear text
     * @param phcHash  a stored hash, or null for an unknown user
     * @return true when the password matches
     */
    public static boolean verify(String password, String phcHash) {
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

    /** @param token an API token @return its SHA-256 as lower-case hex, as stored */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
