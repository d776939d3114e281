CREATE TABLE base (id int, n int, CONSTRAINT old_check CHECK (n > -100));
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
