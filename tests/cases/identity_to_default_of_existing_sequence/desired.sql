CREATE TABLE u (id serial PRIMARY KEY);
CREATE TABLE t (id integer DEFAULT nextval('u_id_seq') PRIMARY KEY);
