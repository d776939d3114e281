CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    status text NOT NULL DEFAULT 'pending',
    opened_at timestamptz NOT NULL DEFAULT now()
);
