CREATE TABLE t (id serial PRIMARY KEY);
GRANT USAGE ON SEQUENCE t_id_seq TO case_reader;
COMMENT ON SEQUENCE t_id_seq IS 'ids';
