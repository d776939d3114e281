CREATE TYPE order_status AS ENUM ('pending', 'paid', 'refunded');

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    status order_status NOT NULL DEFAULT 'pending',
    refund_status order_status DEFAULT 'refunded'
);
