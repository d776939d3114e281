CREATE TABLE base (id int NOT NULL, n text DEFAULT 'x', CONSTRAINT n_check CHECK (n <> ''));
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
