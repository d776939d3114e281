create table "public"."p2" partition of "public"."p" FOR VALUES FROM ('2030-01-01') TO ('2040-01-01');
