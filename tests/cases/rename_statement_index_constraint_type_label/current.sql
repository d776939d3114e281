CREATE TYPE order_state AS ENUM ('open', 'paid');
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    state order_state NOT NULL DEFAULT 'open',
    total integer CONSTRAINT orders_total_check CHECK (total >= 0)
);
CREATE INDEX orders_state_idx ON orders (state);
