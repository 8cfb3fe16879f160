-- Data-aware scheduling (Airflow's assets). An asset is known by its URI; the DAG registry records
-- which DAGs are scheduled on it and which tasks update it each time a DAG version is stored.
CREATE TABLE asset (
    id         BIGINT ${identity} PRIMARY KEY,
    uri        VARCHAR(1500) NOT NULL UNIQUE,
    name       VARCHAR(1500) NOT NULL,
    extra      ${text},
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE dag_schedule_asset (
    dag_id   VARCHAR(250) NOT NULL REFERENCES dag (dag_id) ON DELETE CASCADE,
    asset_id BIGINT       NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (dag_id, asset_id)
);
CREATE INDEX dag_schedule_asset_asset ON dag_schedule_asset (asset_id);

CREATE TABLE task_outlet_asset (
    dag_id   VARCHAR(250) NOT NULL REFERENCES dag (dag_id) ON DELETE CASCADE,
    task_id  VARCHAR(250) NOT NULL,
    asset_id BIGINT       NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (dag_id, task_id, asset_id)
);
CREATE INDEX task_outlet_asset_asset ON task_outlet_asset (asset_id);

-- One row per update of an asset: by a task's successful try (source_* set, written in the
-- transaction that records the success) or by POST /api/v1/assets/events (source_* null).
CREATE TABLE asset_event (
    id               BIGINT ${identity} PRIMARY KEY,
    asset_id         BIGINT NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    extra            ${text},
    source_dag_id    VARCHAR(250),
    source_run_id    VARCHAR(250),
    source_task_id   VARCHAR(250),
    source_map_index INT,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX asset_event_asset_time ON asset_event (asset_id, created_at);
CREATE INDEX asset_event_time ON asset_event (created_at);

-- Airflow's asset_dag_run_queue, one row per event per unpaused consumer DAG, written with the
-- event (no foreign key to dag: deleting a DAG must never fail a producer's outcome; the insert
-- joins dag instead, and a DAG's new version drops the rows of assets it no longer waits for).
-- Creating an asset-triggered run deletes the rows it consumes in the transaction that
-- inserts the run, and checks the count: a second node that read the same rows deletes fewer and
-- rolls back, so each satisfied condition makes exactly one run.
CREATE TABLE asset_dag_run_queue (
    event_id      BIGINT       NOT NULL REFERENCES asset_event (id) ON DELETE CASCADE,
    target_dag_id VARCHAR(250) NOT NULL,
    asset_id      BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, target_dag_id)
);
CREATE INDEX asset_dag_run_queue_dag ON asset_dag_run_queue (target_dag_id);

-- Which events an asset-triggered run consumed (Airflow's consumed_asset_events / created_dagruns).
CREATE TABLE dag_run_asset_event (
    run_id   BIGINT NOT NULL REFERENCES dag_run (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES asset_event (id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, event_id)
);
CREATE INDEX dag_run_asset_event_event ON dag_run_asset_event (event_id);
