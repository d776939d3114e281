-- schematool: renamed from status
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    state order_status NOT NULL DEFAULT 'pending'
);
