/**
 * The OpenAPI 3.0 document, generated from the registered operations and, by reflection, from
 * the records the API reads and writes.
 */
package org.orchestrator.server.http.openapi;
