CREATE TABLE t (id bigserial PRIMARY KEY, note text);
INSERT INTO t (note) VALUES ('a');
