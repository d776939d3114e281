CREATE TABLE invoices (
    id bigint PRIMARY KEY
);

CREATE SEQUENCE invoices_number_seq AS integer;

CREATE TABLE invoice_numbers (
    invoice_id bigint PRIMARY KEY REFERENCES invoices (id),
    number integer NOT NULL DEFAULT nextval('invoices_number_seq')
);

ALTER SEQUENCE invoices_number_seq OWNED BY invoice_numbers.number;
