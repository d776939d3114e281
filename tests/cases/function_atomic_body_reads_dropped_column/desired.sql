CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL);

CREATE FUNCTION order_notes() RETURNS SETOF text
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT amount::text FROM orders ORDER BY id;
END;
