CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE SCHEMA reporting AUTHORIZATION case_writer;

CREATE TABLE reporting.daily_counts (
    day date PRIMARY KEY,
    accounts bigint NOT NULL
);
ALTER TABLE reporting.daily_counts OWNER TO case_writer;

CREATE MATERIALIZED VIEW reporting.account_total AS SELECT count(*) AS total FROM accounts;
ALTER MATERIALIZED VIEW reporting.account_total OWNER TO case_writer;
