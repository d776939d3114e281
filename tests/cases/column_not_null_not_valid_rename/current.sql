CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text
);

ALTER TABLE listeners ADD CONSTRAINT listeners_email_nn NOT NULL email NOT VALID;
