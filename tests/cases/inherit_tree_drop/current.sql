CREATE TABLE keep (id int);
CREATE TABLE base (id int NOT NULL, n text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
