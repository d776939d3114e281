CREATE TABLE plays (
    id bigint NOT NULL,
    played_on date NOT NULL,
    device text
) PARTITION BY RANGE (played_on);

CREATE TABLE plays_2025 PARTITION OF plays FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

ALTER TABLE plays ADD CONSTRAINT plays_device_nn NOT NULL device NOT VALID;
