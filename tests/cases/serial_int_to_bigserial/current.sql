CREATE TABLE t (id serial PRIMARY KEY, note text);
INSERT INTO t (note) VALUES ('a'), ('b');
