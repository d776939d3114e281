CREATE TABLE base (id int, n text);
CREATE TABLE kid (x int, legacy text) INHERITS (base);
CREATE TABLE other_kid () INHERITS (base);
