CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
INSERT INTO t (note) VALUES ('a'), ('b'), ('c');
