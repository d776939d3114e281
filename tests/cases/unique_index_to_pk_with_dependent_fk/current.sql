CREATE TABLE publishers (
    id bigint NOT NULL,
    name text NOT NULL
);

CREATE UNIQUE INDEX publishers_id_idx ON publishers (id);

CREATE TABLE imprints (
    id bigint PRIMARY KEY,
    publisher_id bigint NOT NULL REFERENCES publishers (id)
);
