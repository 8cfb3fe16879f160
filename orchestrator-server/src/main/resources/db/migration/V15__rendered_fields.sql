-- What each try's templated fields rendered to (Airflow's rendered_task_instance_fields), written
-- when the try starts so it is readable while the task runs; secrets are masked before they are
-- stored. A JSON object: field name -> rendered text.
CREATE TABLE rendered_fields (
    ti_id      BIGINT NOT NULL REFERENCES task_instance (id) ON DELETE CASCADE,
    try_number INT    NOT NULL,
    fields     ${text} NOT NULL,
    PRIMARY KEY (ti_id, try_number)
);
