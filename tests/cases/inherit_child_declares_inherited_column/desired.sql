CREATE TABLE base (id int, n text, z int DEFAULT 3);
CREATE TABLE kid (x int, n text NOT NULL) INHERITS (base);
