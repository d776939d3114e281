CREATE TABLE vehicles (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
