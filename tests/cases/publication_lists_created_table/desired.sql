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

CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE reviews (
    id bigint PRIMARY KEY,
    book_id bigint NOT NULL REFERENCES books,
    mood mood NOT NULL
);
CREATE PUBLICATION catalog_changes FOR TABLE books, reviews WHERE (book_id > 0);
