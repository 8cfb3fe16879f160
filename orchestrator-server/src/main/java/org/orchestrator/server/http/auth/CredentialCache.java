package org.orchestrator.server.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recently verified logins for a few minutes, so that a script polling the API does
 * not pay an Argon2id verification (tens of milliseconds of CPU, by design) on every request.
 * It keeps an HMAC of the password under a key that lives only in this process, never the
 * password; an entry is used only while the stored hash is the one it was verified against, so
 * a changed password or a deleted and re-created user is verified afresh.
 */
final class CredentialCache {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String storedHash, byte[] mac, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    /** @param clock time, for expiry */
    CredentialCache(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** @return true when this user was verified with this password against this hash recently */
    boolean matches(String username, String password, String storedHash) {
        Entry entry = entries.get(username);
        return entry != null && entry.storedHash().equals(storedHash) && clock.instant().isBefore(entry.expires())
                && MessageDigest.isEqual(entry.mac(), mac(username, password));
    }

    /** Records a successful verification. */
    void remember(String username, String password, String storedHash) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(username, new Entry(storedHash, mac(username, password), clock.instant().plus(TTL)));
    }

    private byte[] mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
