CREATE TABLE base (id int, n text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (legacy text) INHERITS (base);
CREATE TABLE gone_kid (w int) INHERITS (base);
