CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total numeric(12, 2) NOT NULL
);
GRANT USAGE ON SEQUENCE invoices_id_seq TO case_reader;
