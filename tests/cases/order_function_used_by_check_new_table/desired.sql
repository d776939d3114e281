CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);

CREATE FUNCTION is_country_code(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$ SELECT code ~ '^[A-Z]{2}$' $$;

CREATE TABLE addresses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    country text NOT NULL CHECK (is_country_code(country))
);
