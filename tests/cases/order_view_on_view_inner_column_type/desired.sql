CREATE TABLE ratings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    book_id bigint NOT NULL,
    stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5)
);

CREATE VIEW book_ratings AS
SELECT book_id, round(avg(stars), 2) AS average, count(*) AS votes
FROM ratings
GROUP BY book_id;

CREATE VIEW well_rated_books AS
SELECT book_id, average
FROM book_ratings
WHERE votes >= 10 AND average >= 4;
