/**
 * The SQL behind the API's lists: filters as bound parameters ({@link org.orchestrator.server.http.query.Filter}),
 * {@code order_by} from a whitelist ({@link org.orchestrator.server.http.query.OrderBy}), pages
 * with {@code total_entries} ({@link org.orchestrator.server.http.query.Listing}). Reads only,
 * plus pool and run deletion; state changes go through the engine's verbs.
 */
package org.orchestrator.server.http.query;
