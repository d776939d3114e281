CREATE TABLE products (
    id bigint PRIMARY KEY,
    sku varchar(32) NOT NULL,
    name text NOT NULL CHECK (char_length(name) <= 200),
    price numeric(10,2) NOT NULL
);
CREATE INDEX products_name_idx ON products (name);
COMMENT ON COLUMN products.name IS 'Shown in the shop.';
