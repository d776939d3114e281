CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    full_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE customers OWNER TO case_writer;
