/**
 * The web dashboard, served by the same Javalin app as the REST API.
 *
 * <p>Pages are static HTML shells from the {@code orchestrator-ui} jar ({@code /dags},
 * {@code /dags/{dag_id}}, {@code /dags/{dag_id}/runs/{run_id}/tasks/{task_id},
 * {@code /import-errors}, {@code /cluster}); their scripts fill them from {@code /api/v1} and
 * poll it every one or two seconds, so the server never writes request or database text into
 * HTML, and the browser inserts all of it as text nodes.
 *
 * <p>Security decisions:
 * <ul>
 *   <li>Login is a form post checked by the API's own {@code Authenticator} (Argon2id). It starts
 *       a session kept in this process's memory (a restart logs everyone out) under a random
 *       256-bit token, sent as an {@code HttpOnly; SameSite=Strict} cookie; the server keeps only
 *       its SHA-256. Sessions end after 8 idle hours or 24 hours. The user's role is re-read on
 *       every request.</li>
 *   <li>{@link org.orchestrator.server.web.SessionGate} runs in front of the API guard: a request
 *       with the session cookie and no {@code Authorization} header is the dashboard, held to
 *       the route's role like any client, and every non-GET must carry the session's CSRF token
 *       in {@code X-CSRF-Token} and must not be marked cross-site by the browser. Scripts using
 *       HTTP Basic are untouched and need no token.</li>
 *   <li>Every answer carries a Content-Security-Policy allowing scripts and styles only from the
 *       server itself (no inline script, no eval), {@code frame-ancestors 'none'},
 *       {@code X-Content-Type-Options: nosniff} and {@code X-Frame-Options: DENY}.</li>
 * </ul>
 *
 * <p>Dashboard-only read endpoints, not part of the Airflow API: {@code GET /ui/session} (user,
 * role, CSRF token), {@code GET /ui/api/recentRuns} (latest runs of many DAGs in one query),
 * {@code GET /ui/api/dags/{dag_id}/grid} (a DAG's latest runs and their cells, packed, so the
 * grid can show hundreds of runs of hundreds of tasks) and {@code GET /ui/api/cluster} (nodes and
 * pool slots). The grid draws only the cells in view.
 */
package org.orchestrator.server.web;
