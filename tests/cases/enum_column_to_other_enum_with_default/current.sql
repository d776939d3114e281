CREATE TYPE order_state AS ENUM ('pending', 'paid');
CREATE TYPE payment_state AS ENUM ('pending', 'paid', 'refunded');

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    state order_state NOT NULL DEFAULT 'pending'
);
