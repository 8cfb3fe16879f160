-- Orchestrator core schema, one source for H2 and PostgreSQL: the placeholders (text, blob, identity)
-- are spelled per database in Migrations.placeholders. All times are UTC (TIMESTAMP WITH TIME ZONE, written at offset +00:00).

CREATE TABLE dag (
    dag_id          VARCHAR(250) PRIMARY KEY,
    is_paused       BOOLEAN      NOT NULL DEFAULT FALSE,
    is_active       BOOLEAN      NOT NULL DEFAULT TRUE,
    description     VARCHAR(4000),
    owners          VARCHAR(250),
    tags            VARCHAR(2000),
    schedule        VARCHAR(250),
    timezone        VARCHAR(64),
    fileloc         VARCHAR(2000),
    current_version VARCHAR(64),
    next_dagrun     TIMESTAMP(6) WITH TIME ZONE,
    last_parsed     TIMESTAMP(6) WITH TIME ZONE
);

CREATE TABLE dag_version (
    dag_id       VARCHAR(250) NOT NULL,
    version_hash VARCHAR(64)  NOT NULL,
    fileloc      VARCHAR(2000),
    structure    ${text},
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dag_id, version_hash)
);

CREATE TABLE import_error (
    id         BIGINT ${identity} PRIMARY KEY,
    filename   VARCHAR(2000) NOT NULL UNIQUE,
    message    ${text}          NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE dag_run (
    id                  BIGINT ${identity} PRIMARY KEY,
    dag_id              VARCHAR(250) NOT NULL,
    run_id              VARCHAR(250) NOT NULL,
    run_type            VARCHAR(20)  NOT NULL,
    logical_date        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    data_interval_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    data_interval_end   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    conf                ${text},
    note                VARCHAR(4000),
    dag_version         VARCHAR(64),
    queued_at           TIMESTAMP(6) WITH TIME ZONE,
    start_date          TIMESTAMP(6) WITH TIME ZONE,
    end_date            TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT dag_run_run_id UNIQUE (dag_id, run_id),
    CONSTRAINT dag_run_logical_date UNIQUE (dag_id, logical_date)
);
CREATE INDEX dag_run_state ON dag_run (state, dag_id);

CREATE TABLE task_instance (
    id              BIGINT ${identity} PRIMARY KEY,
    run_pk          BIGINT       NOT NULL REFERENCES dag_run (id) ON DELETE CASCADE,
    dag_id          VARCHAR(250) NOT NULL,
    run_id          VARCHAR(250) NOT NULL,
    task_id         VARCHAR(250) NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    try_number      INT          NOT NULL DEFAULT 0,
    max_tries       INT          NOT NULL,
    pool            VARCHAR(250) NOT NULL,
    priority_weight INT          NOT NULL,
    node            VARCHAR(250),
    queued_at       TIMESTAMP(6) WITH TIME ZONE,
    start_date      TIMESTAMP(6) WITH TIME ZONE,
    end_date        TIMESTAMP(6) WITH TIME ZONE,
    next_retry_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT task_instance_task UNIQUE (run_pk, task_id)
);
CREATE INDEX task_instance_ready ON task_instance (state, priority_weight DESC, id);
CREATE INDEX task_instance_run_state ON task_instance (run_pk, state);

CREATE TABLE task_try (
    ti_id      BIGINT      NOT NULL REFERENCES task_instance (id) ON DELETE CASCADE,
    try_number INT         NOT NULL,
    state      VARCHAR(20) NOT NULL,
    node       VARCHAR(250),
    start_date TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    end_date   TIMESTAMP(6) WITH TIME ZONE,
    error      ${text},
    log_path   VARCHAR(2000) NOT NULL,
    PRIMARY KEY (ti_id, try_number)
);

CREATE TABLE xcom (
    run_pk   BIGINT       NOT NULL REFERENCES dag_run (id) ON DELETE CASCADE,
    task_id  VARCHAR(250) NOT NULL,
    xcom_key VARCHAR(250) NOT NULL,
    xcom_value ${text}       NOT NULL,
    PRIMARY KEY (run_pk, task_id, xcom_key)
);

-- Outbox: a callback to run is written in the same transaction as the state change it reports.
CREATE TABLE callback_request (
    id          BIGINT ${identity} PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL,
    event       VARCHAR(20)  NOT NULL,
    dag_id      VARCHAR(250) NOT NULL,
    run_id      VARCHAR(250) NOT NULL,
    task_id     VARCHAR(250),
    try_number  INT,
    error       ${text},
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE pool (
    name        VARCHAR(250) PRIMARY KEY,
    slots       INT          NOT NULL,
    description VARCHAR(1000)
);
INSERT INTO pool (name, slots, description) VALUES ('default_pool', 128, 'Default pool');

CREATE TABLE node (
    node_id      VARCHAR(250) PRIMARY KEY,
    host         VARCHAR(250) NOT NULL,
    roles        VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE app_user (
    username      VARCHAR(250) PRIMARY KEY,
    password_hash VARCHAR(500) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_log (
    id        BIGINT ${identity} PRIMARY KEY,
    dttm      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    username  VARCHAR(250),
    event     VARCHAR(100) NOT NULL,
    dag_id    VARCHAR(250),
    run_id    VARCHAR(250),
    task_id   VARCHAR(250),
    extra     ${text},
    source_ip VARCHAR(100)
);
