CREATE TABLE seats (
    seat_row integer NOT NULL,
    label text NOT NULL
);
