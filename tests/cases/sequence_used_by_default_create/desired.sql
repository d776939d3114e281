CREATE SEQUENCE invoice_number_seq START WITH 1000;

CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_number_seq')
);
