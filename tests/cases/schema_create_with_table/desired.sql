CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY,
    issued_on date NOT NULL,
    amount_cents bigint NOT NULL
);
