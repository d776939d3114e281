CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text
);

ALTER TABLE listeners ADD NOT NULL email NOT VALID;
