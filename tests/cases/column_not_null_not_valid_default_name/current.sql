CREATE TABLE listeners (
    id bigint PRIMARY KEY,
    email text
);
