CREATE TABLE orders (
    id bigint PRIMARY KEY,
    total_cents integer NOT NULL
);

CREATE TABLE order_log (id bigint, note text);

CREATE PROCEDURE orders_clear(below integer)
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO order_log SELECT id, 'cleared; below ' || below FROM orders WHERE total_cents < below;
    DELETE FROM orders WHERE total_cents < below;
END;
