CREATE TABLE publishers (
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT publishers_pkey PRIMARY KEY (id)
);

CREATE TABLE imprints (
    id bigint PRIMARY KEY,
    publisher_id bigint NOT NULL REFERENCES publishers (id)
);
