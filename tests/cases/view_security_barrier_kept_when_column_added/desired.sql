CREATE TABLE t (id bigint, c2 numeric);
CREATE VIEW v WITH (security_barrier) AS SELECT id, c2 FROM t WHERE id > 6;
