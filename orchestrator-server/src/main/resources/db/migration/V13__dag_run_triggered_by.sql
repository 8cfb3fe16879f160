-- A run triggered by a task of another run (TriggerDagRunTask) records that task instance, so the
-- API can link the run back to its parent. Null for scheduled, manual and backfill runs.
ALTER TABLE dag_run ADD COLUMN triggered_by_dag_id VARCHAR(250);
ALTER TABLE dag_run ADD COLUMN triggered_by_run_id VARCHAR(250);
ALTER TABLE dag_run ADD COLUMN triggered_by_task_id VARCHAR(250);
