CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    country char(2) NOT NULL,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total_cents integer NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION order_total_with_tax(total_cents integer) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT (total_cents * 1.2)::integer $$;

CREATE FUNCTION order_total_with_tax(total_cents bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT (total_cents * 1.2)::bigint $$;
