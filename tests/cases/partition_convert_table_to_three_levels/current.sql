CREATE TABLE m (id int, at date);
