CREATE TABLE t (id serial PRIMARY KEY);
CREATE TABLE u (id integer DEFAULT nextval('t_id_seq') PRIMARY KEY);
