CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE TABLE invoices (
    id serial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id)
);

ALTER TABLE invoices OWNER TO case_writer;
