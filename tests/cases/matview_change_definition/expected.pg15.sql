drop materialized view if exists "public"."daily_revenue";
-- hazards: blocking-lock
create materialized view "public"."daily_revenue" as  SELECT date_trunc('day'::text, orders.placed_at) AS day,
    sum(orders.total_cents) AS revenue_cents,
    count(*) AS orders,
    count(DISTINCT orders.customer_id) AS customers
   FROM orders
  GROUP BY (date_trunc('day'::text, orders.placed_at));
