CREATE SEQUENCE t_id_seq AS integer;
CREATE TABLE t (id integer DEFAULT nextval('t_id_seq') PRIMARY KEY);
CREATE TABLE u (id integer DEFAULT nextval('t_id_seq') PRIMARY KEY);
