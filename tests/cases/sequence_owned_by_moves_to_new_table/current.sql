CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    number serial NOT NULL
);
