CREATE DOMAIN email_address AS text
    CONSTRAINT email_address_check CHECK (VALUE ~ '^[^@]+@[^@]+[.][^@]+$');

CREATE TABLE users (
    id bigint PRIMARY KEY,
    email email_address NOT NULL
);
