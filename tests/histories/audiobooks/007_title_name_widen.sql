-- Longer title names: a column type change under a view and a view on it (class 10).
DROP VIEW recent_titles;
DROP VIEW title_list;

ALTER TABLE titles ALTER COLUMN name TYPE varchar(200);

CREATE VIEW title_list AS
SELECT t.id, t.name, a.name AS author
FROM titles t
LEFT JOIN authors a ON a.id = t.author_id;

CREATE VIEW recent_titles AS
SELECT l.id, l.name, l.author
FROM title_list l
JOIN titles t ON t.id = l.id
WHERE t.released_on > date '2020-01-01';
