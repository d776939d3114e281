INSERT INTO t (note) VALUES ('d');
