-- H2 plans a statement when a connection first prepares it and keeps that plan in the
-- connection's statement cache for the connection's life. On a new database the tables are
-- empty when the engine first prepares its guarded moves (UPDATE ... WHERE id = ? AND state = ?),
-- and with no statistics H2 rates the index that starts with state as good as the primary key:
-- it picked it, and then scanned every instance in that state on every move, for as long as the
-- connection lived (layered runs 2-4x slower, and slower the more instances waited). A state
-- column holds a handful of values; saying so up front makes the primary key the plan from the
-- first statement on. H2's own ANALYZE later measures the same (selectivity 1).
-- PostgreSQL plans each execution with its own statistics and needs none of this.
${h2_only}ALTER TABLE task_instance ALTER COLUMN state SELECTIVITY 1;
${h2_only}ALTER TABLE dag_run ALTER COLUMN state SELECTIVITY 1;
