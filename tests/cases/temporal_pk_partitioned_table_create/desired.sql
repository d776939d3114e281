CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (
    id integer NOT NULL,
    valid tstzrange NOT NULL,
    CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS)
) PARTITION BY LIST (id);

CREATE TABLE rooms_1 PARTITION OF rooms FOR VALUES IN (1);
