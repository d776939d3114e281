-- hazards: blocking-lock
ALTER TABLE public.measurements ADD CONSTRAINT measurements_pkey PRIMARY KEY (sensor_id, measured_at);
