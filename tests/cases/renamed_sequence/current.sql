CREATE SEQUENCE invoice_seq START 1000;
CREATE TABLE invoices (
    number bigint PRIMARY KEY DEFAULT nextval('invoice_seq'),
    total numeric(10,2) NOT NULL
);
