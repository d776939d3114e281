CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    external_ref text
);
