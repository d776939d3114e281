alter table "public"."measurements" detach partition "public"."measurements_2024";
ALTER TABLE public.measurements_2024 RENAME CONSTRAINT measurements_measured_at_not_null TO measurements_2024_measured_at_not_null;
ALTER TABLE public.measurements_2024 RENAME CONSTRAINT measurements_sensor_id_not_null TO measurements_2024_sensor_id_not_null;
ALTER TABLE public.measurements_2024 RENAME CONSTRAINT measurements_value_not_null TO measurements_2024_value_not_null;
