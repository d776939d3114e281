CREATE TABLE books (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    price numeric(10, 2),
    secret text
);
CREATE PUBLICATION catalog_changes FOR TABLE books;
