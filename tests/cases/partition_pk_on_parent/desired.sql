CREATE TABLE measurements (
    sensor_id integer NOT NULL,
    measured_at timestamptz NOT NULL,
    value double precision NOT NULL,
    PRIMARY KEY (sensor_id, measured_at)
) PARTITION BY RANGE (measured_at);

CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
