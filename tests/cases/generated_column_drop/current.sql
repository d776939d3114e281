CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    quantity integer NOT NULL,
    unit_price_cents integer NOT NULL,
    total_cents bigint GENERATED ALWAYS AS (quantity * unit_price_cents) STORED
);
