CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    amount_cents bigint NOT NULL
);
