-- hazards: blocking-lock
CREATE UNIQUE INDEX measurements_2024_pkey ON public.measurements_2024 USING btree (sensor_id, measured_at);
-- hazards: blocking-lock
CREATE UNIQUE INDEX measurements_pkey ON ONLY public.measurements USING btree (sensor_id, measured_at);
alter table "public"."measurements" add constraint "measurements_pkey" PRIMARY KEY using index "measurements_pkey";
alter table "public"."measurements_2024" add constraint "measurements_2024_pkey" PRIMARY KEY using index "measurements_2024_pkey";
