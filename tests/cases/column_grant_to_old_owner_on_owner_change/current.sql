CREATE TABLE t (id bigint, c1 integer);
GRANT SELECT (c1) ON t TO case_reader;
ALTER TABLE t OWNER TO case_reader;
