CREATE TABLE a (id int);
CREATE TABLE b (id int, label text);
CREATE TABLE ab (x int) INHERITS (a, b);
