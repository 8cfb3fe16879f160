/**
 * Built-in tasks for DAG authors: {@link org.orchestrator.tasks.ShellTask} runs a command with
 * its output in the try's log, {@link org.orchestrator.tasks.BranchTask} chooses which downstream
 * tasks run. The subpackages hold SQL ({@code sql}), CSV ({@code csv}), HTTP ({@code http}),
 * sensors ({@code sensor}) and notifiers ({@code notify}). Depends on the authoring API and a few
 * well-kept libraries (Commons CSV, Jackson, Jakarta Mail), never on the server.
 */
package org.orchestrator.tasks;
