CREATE TABLE events (
    id bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL -- schematool: using happened_at AT TIME ZONE 'Europe/Berlin'
);
