CREATE TABLE base (id int NOT NULL, n text);
CREATE TABLE kid (id int NOT NULL, n text, x int) INHERITS (base);
CREATE TABLE kid2 (id int NOT NULL, n text DEFAULT 'kid2', y int) INHERITS (base);
