CREATE TABLE products (
    id bigint PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    sku text NOT NULL,
    CONSTRAINT price_positive CHECK (price > 0) -- schematool: renamed from price_check
);
-- schematool: renamed from products_sku_key
ALTER TABLE products ADD CONSTRAINT products_sku_unique UNIQUE (sku);
