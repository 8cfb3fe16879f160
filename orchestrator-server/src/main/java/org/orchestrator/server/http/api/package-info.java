/**
 * The {@code /api/v1} routes, one class per resource, each registering its operations through
 * {@link org.orchestrator.server.http.openapi.ApiRouter} so that the OpenAPI document lists
 * exactly what exists; the answer records ({@code …View}) carry Airflow's field names.
 */
package org.orchestrator.server.http.api;
