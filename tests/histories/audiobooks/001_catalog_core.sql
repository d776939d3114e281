-- The catalog: authors and titles.
CREATE TABLE authors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    bio text
);

CREATE TABLE titles (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asin text NOT NULL UNIQUE,
    name varchar(100) NOT NULL,
    author_id bigint REFERENCES authors (id),
    released_on date,
    length_s integer CONSTRAINT titles_length_check CHECK (length_s > 0)
);

CREATE INDEX titles_author_idx ON titles (author_id);

COMMENT ON TABLE titles IS 'One audiobook as the store sells it.';
