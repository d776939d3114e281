CREATE TABLE shifts (
    id bigint PRIMARY KEY,
    worker_id bigint NOT NULL,
    during tstzrange NOT NULL
);

CREATE INDEX shifts_during_idx ON shifts USING gist (during);
