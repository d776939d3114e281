CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    country char(2) NOT NULL,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total_cents integer NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE MATERIALIZED VIEW daily_revenue AS
SELECT date_trunc('day', placed_at) AS day, sum(total_cents) AS revenue_cents, count(*) AS orders
FROM orders
GROUP BY 1;

CREATE UNIQUE INDEX daily_revenue_day_idx ON daily_revenue (day);
