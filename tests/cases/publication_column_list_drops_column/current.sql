CREATE TABLE books (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    price numeric(10, 2),
    secret text
);
CREATE TABLE authors (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE PUBLICATION catalog_changes FOR TABLE books (id, title, secret);
