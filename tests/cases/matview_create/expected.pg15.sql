create materialized view "public"."daily_revenue" as  SELECT date_trunc('day'::text, orders.placed_at) AS day,
    sum(orders.total_cents) AS revenue_cents,
    count(*) AS orders
   FROM orders
  GROUP BY (date_trunc('day'::text, orders.placed_at));
