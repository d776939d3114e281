CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text,
    phone text
);

ALTER TABLE listeners ADD CONSTRAINT listeners_phone_nn NOT NULL phone NOT VALID;
