CREATE FOREIGN DATA WRAPPER files;
CREATE SERVER feeds FOREIGN DATA WRAPPER files;
CREATE FOREIGN TABLE authors (id bigint, name varchar(100)) SERVER feeds;
CREATE VIEW author_names AS SELECT name FROM authors;
