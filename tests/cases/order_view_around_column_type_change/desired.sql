CREATE TABLE chapters (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    book_id bigint NOT NULL,
    duration_seconds numeric(10,3) NOT NULL
);

CREATE VIEW book_durations AS
SELECT book_id, sum(duration_seconds) AS total_seconds
FROM chapters
GROUP BY book_id;
