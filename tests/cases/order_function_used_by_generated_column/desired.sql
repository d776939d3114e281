CREATE TABLE authors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE FUNCTION sort_key(title text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT lower(regexp_replace(title, '^(the|a|an)\s+', '', 'i')) $$;

CREATE TABLE books (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id),
    title text NOT NULL,
    title_sort text GENERATED ALWAYS AS (sort_key(title)) STORED
);
