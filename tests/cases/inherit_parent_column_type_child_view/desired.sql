CREATE TABLE base (id int, n text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE VIEW kid_names AS SELECT id, n FROM ONLY kid;
