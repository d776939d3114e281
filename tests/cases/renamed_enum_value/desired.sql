CREATE TYPE order_status AS ENUM (
    'pending',
    'paid',
    'dispatched' -- schematool: renamed from 'shipped'
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    status order_status NOT NULL
);
