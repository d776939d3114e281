CREATE TABLE listening_events (
    id bigint NOT NULL,
    marketplace text NOT NULL,
    device text DEFAULT 'none',
    happened_at timestamptz NOT NULL
) PARTITION BY LIST (marketplace);

CREATE TABLE listening_events_us PARTITION OF listening_events (device DEFAULT 'echo') FOR VALUES IN ('us');
CREATE TABLE listening_events_de PARTITION OF listening_events FOR VALUES IN ('de');
