drop function if exists "public"."order_total_with_tax"(total_cents bigint);
