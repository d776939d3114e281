CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    full_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL,
    message text NOT NULL
);
