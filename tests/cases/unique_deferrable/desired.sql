CREATE TABLE users (
    id bigint PRIMARY KEY,
    tenant_id integer NOT NULL,
    email text NOT NULL,
    username text,
    CONSTRAINT users_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED
);
