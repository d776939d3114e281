-- Invoices with a serial number.
CREATE TABLE invoices_v1 (
    id serial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    issued_at timestamptz
);
