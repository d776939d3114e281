CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME invoice_numbers) PRIMARY KEY,
    total numeric(12, 2) NOT NULL
);
