/**
 * HTTP calls with the JDK's client: {@link org.orchestrator.tasks.http.HttpTask}, and
 * {@link org.orchestrator.tasks.http.JsonPath} to pick a value out of a JSON answer.
 */
package org.orchestrator.tasks.http;
