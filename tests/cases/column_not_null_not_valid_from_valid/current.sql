CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text CONSTRAINT listeners_email_nn NOT NULL
);
