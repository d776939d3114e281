CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    country char(2) NOT NULL,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total_cents bigint NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE VIEW customer_order_stats AS
SELECT c.id AS customer_id, c.email, count(o.id) AS order_count, sum(o.total_cents) AS revenue_cents
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.email;

CREATE VIEW top_customers AS
SELECT customer_id, email, revenue_cents
FROM customer_order_stats
WHERE revenue_cents > 100000;
