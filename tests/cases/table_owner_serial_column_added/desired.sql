CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    number serial NOT NULL
);

ALTER TABLE invoices OWNER TO case_writer;
