CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text NOT NULL
);

CREATE VIEW account_names AS SELECT id, email, name FROM accounts;
ALTER VIEW account_names OWNER TO case_writer;
GRANT SELECT ON account_names TO case_reader;
