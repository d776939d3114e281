CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    nickname text,
    email text
);
