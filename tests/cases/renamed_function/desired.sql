-- schematool: renamed from net
CREATE FUNCTION without_vat(amount numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount / 1.2 $$;
CREATE TABLE sales (
    id bigint PRIMARY KEY,
    amount numeric(10,2) NOT NULL
);
CREATE VIEW net_sales AS SELECT id, without_vat(amount) AS net FROM sales;
