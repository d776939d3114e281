CREATE TABLE t (id bigint, c0 varchar(40), CONSTRAINT t_c0_in CHECK (c0 IN ('a', 'b')));
