/**
 * SQL on named JDBC connections: {@link org.orchestrator.tasks.sql.SqlTask} runs statements in one
 * transaction with bound parameters ({@link org.orchestrator.tasks.sql.SqlParam}), and
 * {@link org.orchestrator.tasks.sql.SqlCheck} is a data-quality gate. The SQL they generate is
 * ANSI, so the same tasks run on H2 and PostgreSQL.
 */
package org.orchestrator.tasks.sql;
