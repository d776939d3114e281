CREATE TABLE seats (
    seat_row integer NOT NULL,
    label text NOT NULL,
    CONSTRAINT seats_valid CHECK (seat_row BETWEEN 1 AND 80 AND label = btrim(label))
);
