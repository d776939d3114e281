CREATE SCHEMA app;

CREATE TYPE app.plan AS ENUM ('free', 'pro');

CREATE TABLE app.accounts (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    plan app.plan NOT NULL DEFAULT 'free',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION app.account_label(a app.accounts) RETURNS text
LANGUAGE sql STABLE
AS $$ SELECT a.name || ' (' || a.plan || ')' $$;

CREATE VIEW app.pro_accounts AS
SELECT id, name, created_at FROM app.accounts WHERE plan = 'pro';
