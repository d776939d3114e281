INSERT INTO t (note) VALUES ('c');
