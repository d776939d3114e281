drop procedure if exists "public"."orders_clear"(IN below integer);
drop function if exists "public"."orders_over"(limit_cents integer);
