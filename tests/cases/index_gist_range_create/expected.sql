-- hazards: blocking-lock
CREATE INDEX shifts_during_idx ON public.shifts USING gist (during);
