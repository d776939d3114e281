CREATE TABLE base (id int, n text, z int DEFAULT 3 NOT NULL);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (z int DEFAULT 7) INHERITS (base);
