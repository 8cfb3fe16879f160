-- Same cause as V19, another column: on a new database H2 rates run_pk at its default
-- selectivity (half the values distinct), so "run_pk = ? AND task_id = ?" looks no more selective
-- than "run_pk = ?" alone, and the first plan a connection made for reading a run's named
-- instances walked the one-column foreign key index over every instance of the run (1,001 rows
-- scanned for two names in a 1,000-task chain, 0.7 ms a hop) and kept doing so for the
-- connection's life. A run holds few distinct values of either column next to the table's rows;
-- saying so makes the unique (run_pk, task_id, map_index) index the plan from the first statement
-- on. H2's own ANALYZE later measures the same (selectivity 1).
${h2_only}ALTER TABLE task_instance ALTER COLUMN run_pk SELECTIVITY 1;
${h2_only}ALTER TABLE task_instance ALTER COLUMN task_id SELECTIVITY 1;
