CREATE TABLE orders (
    id bigint PRIMARY KEY,
    qty integer -- schematool: renamed from quantity -- schematool: using nullif(btrim(qty), '')::integer
);
