CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE users (
    id bigint PRIMARY KEY,
    address email NOT NULL
);
