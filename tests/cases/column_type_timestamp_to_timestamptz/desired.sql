CREATE TABLE events (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload jsonb
);
