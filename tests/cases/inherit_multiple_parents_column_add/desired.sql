CREATE TABLE a (id int, created date, only_a int);
CREATE TABLE b (id int, label text, created date);
CREATE TABLE ab (x int) INHERITS (a, b);
