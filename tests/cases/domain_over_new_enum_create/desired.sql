CREATE TABLE orders (id bigint PRIMARY KEY);

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE DOMAIN open_status AS order_status CHECK (VALUE <> 'shipped');
