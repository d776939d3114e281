CREATE TABLE vehicles (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE trucks (
    payload_kg integer NOT NULL
) INHERITS (vehicles);
