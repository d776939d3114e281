CREATE TABLE sales (
    id bigint PRIMARY KEY,
    region text NOT NULL,
    amount numeric(10,2) NOT NULL
);
-- schematool: renamed from sales_by_region
CREATE MATERIALIZED VIEW region_totals AS
    SELECT region, sum(amount) AS total FROM sales GROUP BY region;
CREATE UNIQUE INDEX region_totals_region_idx ON region_totals (region);
