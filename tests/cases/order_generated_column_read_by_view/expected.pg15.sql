drop view if exists "public"."large_order_lines";
ALTER TABLE public.order_lines DROP COLUMN total_cents;
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_lines ADD COLUMN total_cents bigint GENERATED ALWAYS AS (((quantity)::bigint * unit_price_cents)) STORED;
create view "public"."large_order_lines" as SELECT order_lines.id,
    order_lines.total_cents
   FROM public.order_lines
  WHERE (order_lines.total_cents > 10000);
