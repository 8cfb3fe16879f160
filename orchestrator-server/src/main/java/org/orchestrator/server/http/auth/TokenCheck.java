package org.orchestrator.server.http.auth;

import org.orchestrator.server.internal.Passwords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.TokenRow;

/** Checks a {@code Bearer} token against the stored hashes (the operations layer's token issuer makes them). */
final class TokenCheck {

    private static final Pattern FORMAT = Pattern.compile("orc_([0-9a-f]{12})_[A-Za-z0-9_-]{43}");

    private final Reads reads;

    TokenCheck(Reads reads) {
        this.reads = reads;
    }

    /** @param token what a client sent @return the user it acts as, when it is a valid, unrevoked token */
    Optional<String> verify(String token) {
        var matcher = FORMAT.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] hash = Passwords.tokenHash(token).getBytes(StandardCharsets.US_ASCII);
        return reads.token(matcher.group(1))
                .filter(row -> row.revokedAt() == null)
                .filter(row -> MessageDigest.isEqual(row.tokenHash().getBytes(StandardCharsets.US_ASCII), hash))
                .map(TokenRow::username);
    }
}
