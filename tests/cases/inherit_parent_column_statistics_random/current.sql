CREATE TABLE p (id int, c1 int);
CREATE TABLE k (x int) INHERITS (p);
