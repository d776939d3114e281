-- Listing views, one reading the other.
CREATE VIEW title_list AS
SELECT t.id, t.name, a.name AS author
FROM titles t
LEFT JOIN authors a ON a.id = t.author_id;

CREATE VIEW recent_titles AS
SELECT l.id, l.name, l.author
FROM title_list l
JOIN titles t ON t.id = l.id
WHERE t.released_on > date '2020-01-01';
