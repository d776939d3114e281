CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total_cents integer NOT NULL
);

CREATE FUNCTION order_total_with_tax(total_cents integer) RETURNS integer
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT (total_cents * 1.25)::integer;
END;

-- was a dollar-quoted body in no version: now reads the table it depends on
CREATE FUNCTION orders_over(limit_cents integer) RETURNS SETOF bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT id FROM orders WHERE total_cents > limit_cents ORDER BY id;
    SELECT id FROM orders WHERE total_cents = limit_cents;
END;

CREATE VIEW taxed_orders AS
SELECT id, order_total_with_tax(total_cents) AS taxed FROM orders;
