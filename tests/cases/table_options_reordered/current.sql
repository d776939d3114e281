CREATE TABLE t (id int, n text) WITH (fillfactor = 80, autovacuum_enabled = false);
ALTER TABLE t ALTER COLUMN n SET (n_distinct = 100, n_distinct_inherited = 5);
CREATE TABLE u (id int) WITH (fillfactor = 70, autovacuum_enabled = false);
