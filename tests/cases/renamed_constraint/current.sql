CREATE TABLE products (
    id bigint PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    sku text NOT NULL,
    CONSTRAINT price_check CHECK (price > 0)
);
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);
