CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total_cents integer NOT NULL
);

-- a SQL-standard body: its statements end with ';' inside BEGIN ATOMIC ... END
CREATE FUNCTION order_total_with_tax(total_cents integer) RETURNS integer
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT (total_cents * 1.2)::integer;
END;

CREATE FUNCTION orders_over(limit_cents integer) RETURNS SETOF bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT id FROM orders WHERE total_cents > limit_cents ORDER BY id;
    SELECT id FROM orders WHERE total_cents = limit_cents;
END;

CREATE FUNCTION order_total_plain(total_cents integer) RETURNS integer
LANGUAGE sql IMMUTABLE
RETURN total_cents + 1;
