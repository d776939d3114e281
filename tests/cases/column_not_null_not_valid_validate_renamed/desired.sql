CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text CONSTRAINT listeners_email_required NOT NULL
);
