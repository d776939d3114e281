CREATE TABLE t (id int); CREATE VIEW v WITH (security_invoker = true, security_barrier = true) AS SELECT id FROM t;
