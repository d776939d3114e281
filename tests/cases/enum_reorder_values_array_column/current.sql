CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE order_filters (
    id bigint PRIMARY KEY,
    statuses order_status[] NOT NULL
);
