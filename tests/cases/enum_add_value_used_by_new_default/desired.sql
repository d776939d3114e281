CREATE TYPE order_status AS ENUM ('draft', 'pending', 'paid');

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    status order_status NOT NULL DEFAULT 'draft'
);
