CREATE TABLE base (id int, n int, CONSTRAINT n_positive CHECK (n > 0), CONSTRAINT base_only CHECK (id > 0) NO INHERIT);
CREATE TABLE kid (x int, CONSTRAINT kid_x CHECK (x <> 0)) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
