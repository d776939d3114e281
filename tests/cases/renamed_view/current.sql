CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW current_customers AS SELECT id, email FROM customers WHERE active;
CREATE VIEW customer_emails AS SELECT email FROM current_customers;
GRANT SELECT ON current_customers TO case_reader;
