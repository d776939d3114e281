CREATE TABLE base (id int, a text, b text NOT NULL);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (b text NOT NULL) INHERITS (base);
