CREATE TABLE order_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quantity integer NOT NULL,
    unit_price_cents integer NOT NULL,
    total_cents bigint GENERATED ALWAYS AS (quantity * unit_price_cents) STORED
);

CREATE VIEW large_order_lines AS
SELECT id, total_cents FROM order_lines WHERE total_cents > 10000;
