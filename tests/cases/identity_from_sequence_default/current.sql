CREATE SEQUENCE t_id_seq AS integer START WITH 100;
CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq') PRIMARY KEY);
ALTER SEQUENCE t_id_seq OWNED BY t.id;
