CREATE TABLE events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload jsonb
);
