CREATE TABLE base (id int, note text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
