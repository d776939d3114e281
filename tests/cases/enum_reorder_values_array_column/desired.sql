CREATE TYPE order_status AS ENUM ('paid', 'pending', 'shipped');

CREATE TABLE order_filters (
    id bigint PRIMARY KEY,
    statuses order_status[] NOT NULL
);
