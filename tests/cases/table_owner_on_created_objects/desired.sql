CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TYPE narration_kind AS ENUM ('single', 'full_cast');
ALTER TYPE narration_kind OWNER TO case_writer;

CREATE SEQUENCE invoice_numbers;
ALTER SEQUENCE invoice_numbers OWNER TO case_writer;

CREATE VIEW account_emails AS SELECT id, email FROM accounts;
ALTER VIEW account_emails OWNER TO case_writer;

CREATE FUNCTION account_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM accounts $$;
ALTER FUNCTION account_count() OWNER TO case_writer;
