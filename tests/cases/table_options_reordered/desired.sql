CREATE TABLE t (id int, n text) WITH (autovacuum_vacuum_threshold = 100, fillfactor = 90, autovacuum_enabled = false);
ALTER TABLE t ALTER COLUMN n SET (n_distinct_inherited = 5, n_distinct = 100);
-- only a value changes, but a SET moves what it names to the end: both are set again
CREATE TABLE u (id int) WITH (fillfactor = 60, autovacuum_enabled = false);
