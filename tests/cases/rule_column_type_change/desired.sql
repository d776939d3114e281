CREATE TABLE reviews (
    id bigint PRIMARY KEY,
    body varchar(2000) NOT NULL
);

CREATE TABLE deleted_reviews (
    id bigint PRIMARY KEY,
    body text NOT NULL
);

CREATE RULE reviews_archive AS ON DELETE TO reviews
    DO ALSO INSERT INTO deleted_reviews (id, body) VALUES (old.id, old.body);
