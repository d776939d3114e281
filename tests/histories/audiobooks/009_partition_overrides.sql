-- Partitions with their own NOT NULL and default (class 5).
CREATE TABLE listening_events_uk PARTITION OF listening_events (device NOT NULL DEFAULT 'echo')
    FOR VALUES IN ('uk');

ALTER TABLE listening_events_us ALTER COLUMN device SET NOT NULL;
