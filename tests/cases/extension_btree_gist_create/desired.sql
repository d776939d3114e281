CREATE EXTENSION btree_gist;

CREATE TABLE shifts (
    id bigint PRIMARY KEY,
    worker_id bigint NOT NULL,
    during tstzrange NOT NULL
);

CREATE INDEX shifts_worker_during_idx ON shifts USING gist (worker_id, during);
