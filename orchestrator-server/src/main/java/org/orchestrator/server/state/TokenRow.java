package org.orchestrator.server.state;

import java.time.Instant;

/**
 * An API token as stored: never the token itself.
 *
 * @param id        key, used to revoke it
 * @param prefix    the public part of the token, shown in lists
 * @param tokenHash SHA-256 (hex) of the whole token
 * @param username  whose token it is
 * @param name      what it is for
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record TokenRow(long id, String prefix, String tokenHash, String username, String name, Instant createdAt,
                       Instant revokedAt) {
}
