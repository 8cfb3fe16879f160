/**
 * Operator actions: trigger, clear, mark, set run state, delete, pause, note, and the admin
 * changes (pools, connections, variables, users, tokens). {@link org.orchestrator.server.ops.Operations}
 * is the one door; REST routes, the dashboard and the CLI are thin adapters that turn their
 * input into a call and an {@link org.orchestrator.server.ops.Actor}. Each action is one
 * transaction (a multi-run clear: one per run, then the audit row) with its transition checks
 * (state's verbs and transition tables), one audit row whose event is {@code api.<action>} or
 * {@code cli.<action>}, and, after the commit, the {@link org.orchestrator.server.ops.Loops}
 * it affects.
 */
package org.orchestrator.server.ops;
