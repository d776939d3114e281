CREATE TABLE authors (
    id integer PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer NOT NULL,
    CONSTRAINT books_author_fkey FOREIGN KEY (author_id) REFERENCES authors (id)
);
