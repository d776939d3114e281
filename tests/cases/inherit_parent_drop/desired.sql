CREATE TABLE kid (id int NOT NULL, n text DEFAULT 'x', x int, CONSTRAINT n_check CHECK (n <> ''));
CREATE TABLE grandkid (y int) INHERITS (kid);
