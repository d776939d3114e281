CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (
    id integer NOT NULL,
    valid tstzrange NOT NULL,
    name text,
    CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS)
);

CREATE TABLE bookings (
    id bigint PRIMARY KEY,
    room_id integer NOT NULL,
    valid tstzrange NOT NULL
);
