CREATE TABLE base (id int, kind text DEFAULT 'a', note text);
CREATE TABLE tagged (id int, tag text DEFAULT 't' NOT NULL);
