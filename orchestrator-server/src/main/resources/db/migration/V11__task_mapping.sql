-- Dynamic task mapping (Airflow's map_index): a mapped task has one instance with map_index -1
-- until the run reaches it; then that row becomes instance 0 and instances 1..n-1 are added, each
-- with the mapped arguments it runs with (map_args, JSON). Unmapped tasks keep -1 for ever.
ALTER TABLE task_instance ADD COLUMN map_index INT DEFAULT -1 NOT NULL;
ALTER TABLE task_instance ADD COLUMN map_args ${text};
ALTER TABLE task_instance DROP CONSTRAINT task_instance_task;
ALTER TABLE task_instance ADD CONSTRAINT task_instance_task UNIQUE (run_pk, task_id, map_index);

-- Each mapped instance pushes its own XComs. The primary key gains map_index; the dialects drop a
-- primary key differently, so the table is rebuilt (both spell this the same).
CREATE TABLE xcom_mapped (
    run_pk     BIGINT       NOT NULL REFERENCES dag_run (id) ON DELETE CASCADE,
    task_id    VARCHAR(250) NOT NULL,
    map_index  INT          DEFAULT -1 NOT NULL,
    xcom_key   VARCHAR(250) NOT NULL,
    xcom_value ${text}      NOT NULL,
    PRIMARY KEY (run_pk, task_id, map_index, xcom_key)
);
INSERT INTO xcom_mapped (run_pk, task_id, map_index, xcom_key, xcom_value)
    SELECT run_pk, task_id, -1, xcom_key, xcom_value FROM xcom;
DROP TABLE xcom;
ALTER TABLE xcom_mapped RENAME TO xcom;
