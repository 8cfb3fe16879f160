package org.orchestrator.server.connect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-GCM: a random 96-bit IV per value, a 128-bit tag, stored as
 * {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}. The {@code v1} prefix names the format so a later
 * scheme (or key rotation) can tell old values apart. A value encrypted under another key fails
 * the tag check and is reported as such, never decrypted into garbage.
 *
 * <pre>{@code
 * SecretCipher cipher = SecretKeys.load(home, System.getenv());
 * String stored = cipher.encrypt("s3cret");         // v1:...
 * cipher.decrypt(stored, "connection 'db' password"); // s3cret
 * }</pre>
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keySource;

    /**
     * @param key       an AES key of 16, 24 or 32 bytes
     * @param keySource where the key came from, for error messages
     */
    public SecretCipher(byte[] key, String keySource) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new SecretException("the secret key from " + keySource + " must be 16, 24 or 32 bytes (base64), got "
                    + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keySource = keySource;
    }

    /** @param plain a secret, or null @return its stored form, or null */
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot encrypt a secret with the key from " + keySource, e);
        }
    }

    /**
     * @param stored a value written by {@link #encrypt}, or null
     * @param what   what the value is, for the error message (e.g. {@code connection 'db' password})
     * @return the secret, or null
     * @throws SecretException when the value is damaged or was encrypted under another key
     */
    public String decrypt(String stored, String what) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new SecretException("the stored " + what + " is not in a known encrypted format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (all.length < IV_BYTES + TAG_BITS / 8) {
                throw new SecretException("the stored " + what + " is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException("cannot decrypt the stored " + what + ": it was encrypted with another key than the one from "
                    + keySource + " (set ORCHESTRATOR_SECRET_KEY to the key it was written with)", e);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretException("cannot decrypt the stored " + what + ": " + e.getMessage(), e);
        }
    }
}
