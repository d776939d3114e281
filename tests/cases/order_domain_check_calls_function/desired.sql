CREATE TABLE narrators (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE FUNCTION is_asin(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$ SELECT code ~ '^B[0-9A-Z]{9}$' $$;

CREATE DOMAIN asin AS text CONSTRAINT asin_format CHECK (is_asin(VALUE));

CREATE TABLE recordings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    narrator_id bigint NOT NULL REFERENCES narrators (id),
    asin asin NOT NULL
);
