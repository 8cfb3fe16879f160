-- Connections and variables. Secret columns hold AES-GCM ciphertext ("v1:" + base64), never the
-- plain value: connection.password, connection.extra (a JSON object) and every variable value.
CREATE TABLE connection (
    id          BIGINT ${identity} PRIMARY KEY,
    conn_id     VARCHAR(250)  NOT NULL UNIQUE,
    conn_type   VARCHAR(100)  NOT NULL,
    url         VARCHAR(4000) NOT NULL,
    login       VARCHAR(500),
    password    ${text},
    extra       ${text},
    description VARCHAR(4000),
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE variable (
    id          BIGINT ${identity} PRIMARY KEY,
    var_key     VARCHAR(250) NOT NULL UNIQUE,
    var_value   ${text}         NOT NULL,
    description VARCHAR(4000),
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- SLA: set once, by the guarded update that flags a run as late.
ALTER TABLE dag_run ADD COLUMN sla_missed_at TIMESTAMP(6) WITH TIME ZONE;
