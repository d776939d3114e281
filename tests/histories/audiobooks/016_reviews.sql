-- Reviews; deleted ones are archived by a rule.
CREATE TABLE reviews (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title_id bigint NOT NULL REFERENCES titles (id),
    account_id bigint CONSTRAINT reviews_account_fk REFERENCES accounts (id),
    body varchar(500) NOT NULL,
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5)
);

CREATE TABLE deleted_reviews (
    id bigint PRIMARY KEY,
    body text NOT NULL
);

CREATE RULE reviews_archive AS ON DELETE TO reviews
    DO ALSO INSERT INTO deleted_reviews (id, body) VALUES (old.id, old.body);
