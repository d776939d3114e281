create table "public"."customers_us" partition of "public"."customers" FOR VALUES IN ('us', 'ca');
