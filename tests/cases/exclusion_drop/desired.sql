CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE room_reservations (
    id bigint PRIMARY KEY,
    room_id integer NOT NULL,
    during tstzrange NOT NULL,
    cancelled boolean NOT NULL DEFAULT false
);
