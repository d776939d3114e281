CREATE TABLE base (id int, n varchar(10));
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (n varchar(10)) INHERITS (base);
