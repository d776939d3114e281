CREATE TABLE base (id int, n varchar(10));
CREATE TABLE kid (x int) INHERITS (base);
CREATE VIEW kid_names AS SELECT id, n FROM ONLY kid;
