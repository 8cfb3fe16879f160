/**
 * Connections and variables: where tasks and callbacks find them (the environment first, as
 * {@code ORCHESTRATOR_CONN_<ID>} and {@code ORCHESTRATOR_VAR_<KEY>}, then the database), how
 * their secrets are kept (AES-GCM at rest, {@link org.orchestrator.server.connect.SecretCipher}),
 * and how those secrets are kept out of task logs ({@link org.orchestrator.server.connect.SecretMasker}).
 */
package org.orchestrator.server.connect;
