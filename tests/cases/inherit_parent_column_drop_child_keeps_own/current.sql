CREATE TABLE base (id int, n text, legacy text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE other_kid () INHERITS (base);
