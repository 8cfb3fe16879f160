-- Issue 18, storage per task instance: on PostgreSQL the index of the instances whose try is being
-- stopped keeps only those rows (a handful at any time) instead of an entry for every version of
-- every instance, NULL included: 22 B per finished task instance after 100,000 of them. Its
-- readers ask for stopping_try > 0 (TryStops.PENDING), which PostgreSQL knows implies IS NOT NULL.
-- H2 has no partial indexes and keeps the full one.
${pg_only}DROP INDEX task_instance_stopping;
${pg_only}CREATE INDEX task_instance_stopping ON task_instance (stopping_try) WHERE stopping_try IS NOT NULL;
