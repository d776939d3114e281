CREATE TABLE base (id bigint, n text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (n text) INHERITS (base);
