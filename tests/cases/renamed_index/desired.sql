CREATE TABLE events (
    id bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL
);
-- schematool: renamed from events_at
CREATE INDEX events_happened_at_idx ON events (happened_at DESC);
