/**
 * The REST API: Javalin wiring ({@link org.orchestrator.server.http.HttpServer}), request parsing
 * that answers 400 instead of failing ({@link org.orchestrator.server.http.JsonBody},
 * {@link org.orchestrator.server.http.QueryParams}, {@link org.orchestrator.server.http.PathParams}),
 * problem+json errors and the audit log.
 *
 * <p>Decisions where Airflow's API leaves room or where we differ:
 * <ul>
 *   <li>Times are ISO-8601 UTC with {@code Z}; inputs need an offset and a year in 1-9999.</li>
 *   <li>{@code state} is {@code null} for a task instance not yet scheduled (Airflow 2.7+);
 *       {@code state=none} (or {@code null}) filters for it.</li>
 *   <li>{@code limit} defaults to 100 and is lowered to 1000; negative values are a 400.</li>
 *   <li>Unknown body fields are a 400 (as Airflow's schema validation); unknown query parameters
 *       are ignored; filters on data we do not keep ({@code updated_at_*}) are a 400 rather than
 *       silently ignored.</li>
 *   <li>{@code clearTaskInstances} and {@code PATCH …/taskInstances/{task_id}} default to
 *       {@code dry_run: true}, as in Airflow. Clearing leaves active instances to finish their
 *       try; the runs go back to {@code queued} and the engine's sweep resumes them.</li>
 *   <li>Path parameters are read from the raw path: {@code +} is a plus (Airflow run ids have
 *       one), a stray {@code %} is a 400.</li>
 *   <li>Additions: {@code logical_date}, {@code next_retry_at} on task instances,
 *       {@code queued_at}, {@code dag_version} on runs, {@code end_of_log} on logs,
 *       {@code source_ip} on event logs, {@code /api/v1/tokens}, {@code /api/v1/openapi.json},
 *       {@code /api/v1/docs}, {@code sla_missed} and {@code sla_missed_at} on runs, {@code url}
 *       on connections.</li>
 *   <li>Connections hold one {@code url}; {@code host}, {@code port} and {@code schema} are read
 *       from it, and build it when sent without one. Passwords are write-only; secret extras
 *       and secret-looking variables read as {@code ***}; a {@code url} holding a password is a
 *       400. Connections and variables are written by admins only (as pools).</li>
 * </ul>
 */
package org.orchestrator.server.http;
