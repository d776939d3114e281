CREATE TABLE products (
    id bigint PRIMARY KEY,
    sku varchar(32) NOT NULL,
    name text NOT NULL,
    price numeric(12,4) NOT NULL,
    stock integer NOT NULL DEFAULT 0
);
