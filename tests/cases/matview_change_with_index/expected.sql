drop materialized view if exists "public"."daily_revenue";
-- hazards: blocking-lock
create materialized view "public"."daily_revenue" as  SELECT date_trunc('day'::text, placed_at) AS day,
    sum(total_cents) AS revenue_cents,
    count(*) AS orders
   FROM orders
  WHERE (total_cents > 0)
  GROUP BY (date_trunc('day'::text, placed_at));
CREATE UNIQUE INDEX daily_revenue_day_idx ON public.daily_revenue USING btree (day);
