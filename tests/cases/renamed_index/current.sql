CREATE TABLE events (
    id bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL
);
CREATE INDEX events_at ON events (happened_at DESC);
