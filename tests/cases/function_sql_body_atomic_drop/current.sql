CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total_cents integer NOT NULL
);

CREATE FUNCTION orders_over(limit_cents integer) RETURNS SETOF bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT id FROM orders WHERE total_cents > limit_cents;
END;

CREATE PROCEDURE orders_clear(below integer)
LANGUAGE sql
BEGIN ATOMIC
    DELETE FROM orders WHERE total_cents < below;
END;
