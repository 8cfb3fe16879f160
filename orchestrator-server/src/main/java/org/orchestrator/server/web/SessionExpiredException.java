package org.orchestrator.server.web;

/**
 * A dashboard request whose session cookie is unknown or expired. Answered as a 401 problem
 * without a {@code WWW-Authenticate: Basic} challenge, which would make the browser pop up its
 * own password dialog over the page; the page sends the user to the login form instead.
 */
final class SessionExpiredException extends RuntimeException {

    SessionExpiredException() {
        super("your session has ended; log in again", null, false, false);
    }
}
