CREATE TABLE base (id int NOT NULL, n text DEFAULT 'b', legacy text);
CREATE TABLE other (id int NOT NULL, n text);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE loner (y int) INHERITS (base);
