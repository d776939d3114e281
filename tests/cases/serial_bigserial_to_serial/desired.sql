CREATE TABLE t (id serial PRIMARY KEY, note text);
