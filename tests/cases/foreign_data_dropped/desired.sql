CREATE TABLE books (id bigint PRIMARY KEY);
