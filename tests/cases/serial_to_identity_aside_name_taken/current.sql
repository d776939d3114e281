CREATE TABLE t (id serial PRIMARY KEY);
CREATE TABLE t_id_seq_old (id integer);
