CREATE TABLE products (
    id bigint PRIMARY KEY,
    sku varchar(32) NOT NULL,
    title text NOT NULL CHECK (char_length(title) <= 200), -- schematool: renamed from name
    price numeric(10,2) NOT NULL
);
CREATE INDEX products_title_idx ON products (title);
COMMENT ON COLUMN products.title IS 'Shown in the shop, as the title.';
