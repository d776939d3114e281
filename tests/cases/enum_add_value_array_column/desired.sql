CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered');

CREATE TABLE order_filters (
    id bigint PRIMARY KEY,
    statuses order_status[] NOT NULL
);
