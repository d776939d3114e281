drop materialized view if exists "public"."daily_revenue";
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column "total_cents" set data type bigint using "total_cents"::bigint;
-- hazards: blocking-lock
create materialized view "public"."daily_revenue" as  SELECT date_trunc('day'::text, orders.placed_at) AS day,
    sum(orders.total_cents) AS revenue_cents,
    count(*) AS orders
   FROM orders
  GROUP BY (date_trunc('day'::text, orders.placed_at));
CREATE UNIQUE INDEX daily_revenue_day_idx ON public.daily_revenue USING btree (day);
