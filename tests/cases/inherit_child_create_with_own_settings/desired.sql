CREATE TABLE base (id int, kind text DEFAULT 'a', note text);
CREATE TABLE tagged (id int, tag text DEFAULT 't' NOT NULL);
CREATE TABLE kid (x int) INHERITS (base);
ALTER TABLE ONLY kid ALTER COLUMN kind SET DEFAULT 'kid';
ALTER TABLE ONLY kid ALTER COLUMN note SET NOT NULL;
CREATE TABLE both_kid (y int) INHERITS (base, tagged);
