CREATE TABLE vehicles (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE trucks (
    id bigint NOT NULL,
    name text NOT NULL,
    payload_kg integer NOT NULL
);
