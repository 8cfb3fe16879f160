/**
 * Who may call the API: users with a role ({@code viewer} reads, {@code op} also triggers,
 * clears, marks and pauses, {@code admin} also manages pools and others' tokens), passwords as
 * Argon2id hashes ({@code internal.Passwords}, set by {@code ops.AccountActions}), API tokens stored as
 * SHA-256 hashes ({@code ops.AccountActions}), HTTP Basic and
 * {@code Authorization: Bearer}, and the guard that checks each route's least role.
 */
package org.orchestrator.server.http.auth;
