package org.orchestrator.server.http.auth;

/**
 * The user a request was authenticated as.
 *
 * @param username login
 * @param role     what the user may do
 */
public record Principal(String username, Role role) {
}
