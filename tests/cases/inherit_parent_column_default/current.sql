CREATE TABLE base (id int, kind text DEFAULT 'a', note text DEFAULT 'x');
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
CREATE TABLE own_kid (x int) INHERITS (base);
ALTER TABLE own_kid ALTER COLUMN kind SET DEFAULT 'own';
ALTER TABLE own_kid ALTER COLUMN note SET DEFAULT 'own';
