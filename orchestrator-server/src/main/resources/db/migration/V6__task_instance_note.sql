-- Airflow's "note" on a task instance (PATCH …/taskInstances/{task_id}/setNote), free text an
-- operator leaves on it. DAG runs carry theirs since V1. A clear keeps the note, as in Airflow.
ALTER TABLE task_instance ADD COLUMN note VARCHAR(4000);
