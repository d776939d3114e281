CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (
    id integer NOT NULL,
    valid tstzrange NOT NULL,
    name text,
    CONSTRAINT rooms_id_valid_key UNIQUE (id, name, valid WITHOUT OVERLAPS)
);
