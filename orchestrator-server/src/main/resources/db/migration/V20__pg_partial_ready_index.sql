-- Issue 18, storage per task instance: on PostgreSQL the index that leads with state keeps only
-- the states something looks for by state alone — the claim (scheduled), the slot counts and
-- node checks (queued, running), due retries (up_for_retry), and a list of what failed (failed,
-- upstream_failed) — not the successful, skipped and removed instances that make up nearly all of
-- a history: 136 - 170 B per finished task instance after 100,000 of them. A query naming one of
-- these states implies the predicate, so PostgreSQL still uses the index for it.
-- H2 has no partial indexes and keeps the full one.
${pg_only}DROP INDEX task_instance_ready;
${pg_only}CREATE INDEX task_instance_ready ON task_instance (state, priority_weight DESC, id) WHERE state IN ('scheduled', 'queued', 'running', 'up_for_retry', 'failed', 'upstream_failed');
