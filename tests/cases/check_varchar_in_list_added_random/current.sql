CREATE TABLE t (id bigint, c0 varchar(40));
