CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text
);

ALTER TABLE listeners ADD CONSTRAINT listeners_email_required NOT NULL email NOT VALID;
