/**
 * Built-in tasks for DAG authors: {@link org.orchestrator.tasks.ShellTask} runs a command with
 * its output in the try's log, {@link org.orchestrator.tasks.BranchTask} chooses which downstream
 * tasks run. Depends on the authoring API only.
 */
package org.orchestrator.tasks;
