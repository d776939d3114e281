CREATE TABLE base (id int NOT NULL, n text DEFAULT 'b');
CREATE TABLE other (id int NOT NULL, n text);
CREATE TABLE kid (id int NOT NULL, n text DEFAULT 'b', legacy text, x int) INHERITS (other);
CREATE TABLE loner (id int NOT NULL, n text DEFAULT 'b', y int);
