CREATE TABLE users (
    id bigint PRIMARY KEY,
    tenant_id integer NOT NULL,
    email text NOT NULL,
    username text
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
