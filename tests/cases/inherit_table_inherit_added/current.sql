CREATE TABLE base (id int NOT NULL, n text);
CREATE TABLE kid (id int NOT NULL, n text, x int);
CREATE TABLE kid2 (id int, n text DEFAULT 'two', y int);
