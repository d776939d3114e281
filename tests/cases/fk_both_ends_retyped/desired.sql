CREATE TABLE authors (
    id text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id text NOT NULL,
    CONSTRAINT books_author_fkey FOREIGN KEY (author_id) REFERENCES authors (id)
);
