CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
-- schematool: renamed from current_customers
CREATE VIEW active_customers AS SELECT id, email FROM customers WHERE active;
CREATE VIEW customer_emails AS SELECT email FROM active_customers;
GRANT SELECT ON active_customers TO case_reader;
