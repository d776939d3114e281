-- hazards: blocking-lock
CREATE INDEX measurements_sensor_idx ON public.measurements USING btree (sensor_id, measured_at);
