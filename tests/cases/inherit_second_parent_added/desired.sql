CREATE TABLE a (id int NOT NULL);
CREATE TABLE b (id int NOT NULL, label text NOT NULL, CONSTRAINT label_set CHECK (label <> ''));
CREATE TABLE ab (x int, label text NOT NULL, CONSTRAINT label_set CHECK (label <> '')) INHERITS (a);
ALTER TABLE ab INHERIT b;
