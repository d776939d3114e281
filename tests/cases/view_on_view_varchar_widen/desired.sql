CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(200) NOT NULL,
    released_on date
);

CREATE VIEW title_names AS SELECT id, name FROM titles;

CREATE VIEW recent_title_names AS
SELECT n.id, n.name FROM title_names n JOIN titles t ON t.id = n.id WHERE t.released_on > date '2020-01-01';
