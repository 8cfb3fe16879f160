package org.orchestrator.server.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.orchestrator.server.internal.OwnerOnly;

/**
 * Finds the key secrets are encrypted with: {@code ORCHESTRATOR_SECRET_KEY} (base64) when set,
 * else {@code $ORCHESTRATOR_HOME/secret.key}, generated with owner-only permissions (0600) on
 * first start and reused afterwards.
 */
public final class SecretKeys {

    /** The environment variable holding the key. */
    public static final String ENV = "ORCHESTRATOR_SECRET_KEY";
    /** The key file's name in the home. */
    public static final String FILE = "secret.key";

    private SecretKeys() {
    }

    /**
     * @param home the server's home
     * @param env  the environment
     * @return a cipher with the configured or stored key
     */
    public static SecretCipher load(Path home, Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return new SecretCipher(decode(configured, ENV), ENV);
        }
        Path file = home.resolve(FILE);
        return new SecretCipher(decode(readOrCreate(file), file.toString()), file.toString());
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new SecretException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new random AES-256 key in its own owner-only file (see {@link OwnerOnly#create}). */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        OwnerOnly.create(file, Base64.getEncoder().encodeToString(key));
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new SecretException("the secret key from " + source + " is not valid base64: " + e.getMessage(), e);
        }
    }
}
