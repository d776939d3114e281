CREATE TABLE base (id int, n int, CONSTRAINT n_small CHECK (n < 1000));
CREATE TABLE kid (x int, CONSTRAINT n_small CHECK (n < 1000)) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
