-- hazards: blocking-lock
CREATE INDEX measurements_2024_sensor_id_measured_at_idx ON public.measurements_2024 USING btree (sensor_id, measured_at);
-- hazards: blocking-lock
CREATE INDEX measurements_sensor_idx ON ONLY public.measurements USING btree (sensor_id, measured_at);
