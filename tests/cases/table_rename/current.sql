CREATE TABLE customer (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
