-- A view gains a column (at the end) and its reader is rewritten.
CREATE OR REPLACE VIEW title_list AS
SELECT t.id, t.name, a.name AS author, t.marketplace
FROM titles t
LEFT JOIN authors a ON a.id = t.author_id;

CREATE OR REPLACE VIEW recent_titles AS
SELECT l.id, l.name, l.author
FROM title_list l
JOIN titles t ON t.id = l.id
WHERE t.released_on > date '2022-01-01';
