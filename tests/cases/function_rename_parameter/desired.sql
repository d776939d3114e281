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

CREATE FUNCTION customer_order_count(cust_id bigint) RETURNS integer
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    n integer;
BEGIN
    SELECT count(*) INTO n FROM orders WHERE customer_id = cust_id;
    RETURN n;
END;
$$;
