CREATE TABLE measurements (
    sensor_id integer NOT NULL,
    measured_at timestamptz NOT NULL,
    value double precision NOT NULL
);
