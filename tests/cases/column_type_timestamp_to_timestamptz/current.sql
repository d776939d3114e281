CREATE TABLE events (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    occurred_at timestamp NOT NULL,
    payload jsonb
);
