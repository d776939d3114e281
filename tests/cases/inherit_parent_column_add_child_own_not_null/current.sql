CREATE TABLE base (id int, n text);
CREATE TABLE kid (x int) INHERITS (base);
