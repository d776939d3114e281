CREATE TABLE base (id int, n text);
CREATE TABLE kid (legacy text, x int) INHERITS (base);
CREATE TABLE other_kid () INHERITS (base);
