ALTER TABLE public.bookings RENAME CONSTRAINT bookings_guests_check TO guests_positive;
