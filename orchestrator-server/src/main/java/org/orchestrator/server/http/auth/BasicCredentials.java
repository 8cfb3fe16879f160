package org.orchestrator.server.http.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A user name and password from an {@code Authorization: Basic …} header (RFC 7617). Parsed
 * here rather than by Javalin so that any malformed header is just "not authenticated".
 *
 * @param username login
 * @param password clear text, kept only for the duration of the request
 */
record BasicCredentials(String username, String password) {

    /** @param header the Authorization header or null @return the credentials, if well formed */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() < 7 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", ****]";
    }
}
