-- hazards: data-loss
drop table "public"."measurements";
create table "public"."measurements" (
    "sensor_id" integer not null,
    "measured_at" timestamp with time zone not null,
    "value" double precision not null
) partition by RANGE (measured_at);
create table "public"."measurements_2024" partition of "public"."measurements" FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
