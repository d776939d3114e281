CREATE TABLE base (id int NOT NULL, n text);
CREATE TABLE kid (id int NOT NULL, n text, x int);
