CREATE TYPE order_state AS ENUM ('open', 'paid');
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    state order_state NOT NULL DEFAULT 'open',
    total integer CONSTRAINT orders_total_check CHECK (total >= 0)
);
CREATE INDEX orders_state_idx ON orders (state);

ALTER TYPE order_state RENAME TO order_status;
ALTER TYPE order_status RENAME VALUE 'paid' TO 'settled';
ALTER INDEX orders_state_idx RENAME TO orders_status_idx;
ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO orders_total_positive;
