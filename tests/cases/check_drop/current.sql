CREATE TABLE bookings (
    id bigint PRIMARY KEY,
    guests integer NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    CONSTRAINT bookings_guests_check CHECK (guests > 0)
);
