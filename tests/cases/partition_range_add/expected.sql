create table "public"."measurements_2025" partition of "public"."measurements" FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
