package org.orchestrator.server.dagbag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as hex: bundle contents and DAG versions are named by it. */
final class Hashes {

    private Hashes() {
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the DAG version: its bundle's content hash and its structure, shortened */
    static String version(String bundleHash, String structure) {
        return sha256(bundleHash + "\n" + structure).substring(0, 16);
    }
}
