CREATE TABLE base (id int, n int, CONSTRAINT n_positive CHECK (n > 0));
CREATE TABLE kid (x int, CONSTRAINT n_positive CHECK (n > 0)) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
