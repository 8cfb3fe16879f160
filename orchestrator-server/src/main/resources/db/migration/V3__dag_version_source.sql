-- The source of each DAG version, so the UI and the API can show the code a run used.
-- NULL for versions loaded from jars without sources and for DAGs defined in code.
ALTER TABLE dag_version ADD COLUMN source ${text};
