CREATE TABLE invoices (
    id bigint PRIMARY KEY
);

ALTER TABLE invoices OWNER TO case_writer;
