/**
 * JDBC and HTTP plumbing shared by the task packages. Public only so that they can share it; not
 * part of the authoring API and free to change.
 */
package org.orchestrator.tasks.internal;
