CREATE TABLE readings (id integer PRIMARY KEY, level integer, note text);
