CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total_cents integer NOT NULL
);
