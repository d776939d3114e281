CREATE SCHEMA shop;
CREATE TYPE shop.order_status AS ENUM ('pending', 'paid');
CREATE TABLE shop.orders (
    id bigint PRIMARY KEY,
    status shop.order_status NOT NULL
);
