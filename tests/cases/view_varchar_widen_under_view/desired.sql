CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(200) NOT NULL,
    released_on date
);

CREATE VIEW title_names AS SELECT id, name FROM titles;
