/** {@code GET /metrics}: JVM, HTTP and engine meters in Prometheus' text format, through Micrometer. */
package org.orchestrator.server.http.metrics;
