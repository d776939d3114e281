CREATE TABLE other (x int);
