-- Issue 18: the run lists of a DAG with a long history read a page, not every run of the DAG.
-- The API's default order (id) within one DAG, and the newest-first order of the API's
-- order_by=-execution_date, the grid and the dashboard's recent runs: H2 walks an index only in
-- its own direction, so the newest-first order has an index of its own (the id breaks ties the
-- way OrderBy does).
CREATE INDEX dag_run_dag_id ON dag_run (dag_id, id);
CREATE INDEX dag_run_dag_newest ON dag_run (dag_id, logical_date DESC, id DESC);
