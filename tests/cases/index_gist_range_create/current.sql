CREATE TABLE shifts (
    id bigint PRIMARY KEY,
    worker_id bigint NOT NULL,
    during tstzrange NOT NULL
);
