CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL, note text);

CREATE FUNCTION order_notes() RETURNS SETOF text
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT note FROM orders ORDER BY id;
END;
