CREATE TABLE base (id int);
CREATE TABLE kid () INHERITS (base);
CREATE TABLE grandkid () INHERITS (kid);
