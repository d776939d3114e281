CREATE TABLE books (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text
);
