-- schematool: renamed from invoice_seq
CREATE SEQUENCE invoice_number_seq START 1000;
CREATE TABLE invoices (
    number bigint PRIMARY KEY DEFAULT nextval('invoice_number_seq'),
    total numeric(10,2) NOT NULL
);
